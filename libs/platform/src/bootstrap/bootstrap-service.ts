import { DynamicModule, INestApplication, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';

import { ServiceConfig } from '../config/service-config';
import { ensureDatabase } from '../database/ensure-database';
import { configureHttpEdge } from '../http/http-edge';

/** Bound on a graceful stop; past it the process exits 1 (env `SHUTDOWN_TIMEOUT_MS`). */
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

/**
 * Starts one service: its database first (created when missing; the
 * module's TypeORM runs the migrations), then the HTTP server. SIGTERM and
 * SIGINT stop it gracefully (see `closeOnSignals`).
 */
export async function bootstrapService(
  config: ServiceConfig,
  module: DynamicModule,
): Promise<NestExpressApplication> {
  await ensureDatabase(config.databaseServerUrl, config.databaseName);

  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  configureHttpEdge(app);
  closeOnSignals(app);

  await app.listen(config.port, '0.0.0.0');
  new NestLogger('Bootstrap').log(
    { port: config.port, database: config.databaseName },
    'service listening',
  );
  return app;
}

export interface GracefulStopOptions {
  timeoutMs?: number;
  exit?: (code: number) => void;
  signals?: NodeJS.EventEmitter;
}

/**
 * On SIGTERM or SIGINT: the HTTP server stops accepting, then Nest's shutdown hooks run in
 * order (the consumer finishes its batch and commits, the relay publishes the outbox, and only
 * then TypeORM closes the database), then the process exits 0. Nest's own hooks would re-raise
 * the signal and exit 143, which a supervisor reads as a failure.
 */
export function closeOnSignals(app: INestApplication, options: GracefulStopOptions = {}): void {
  const logger = new NestLogger('Shutdown');
  const timeoutMs = options.timeoutMs ?? shutdownTimeoutMs(process.env);
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? process;
  let closing = false;

  const onSignal = (signal: string): void => {
    if (closing) return logger.warn({ signal }, 'already shutting down');
    closing = true;
    logger.log({ signal, timeoutMs }, 'shutting down');

    const timer = setTimeout(() => {
      logger.error({ signal, timeoutMs }, 'shutdown timed out');
      exit(1);
    }, timeoutMs);
    stopAccepting(app);
    app.close().then(
      () => {
        clearTimeout(timer);
        logger.log({ signal }, 'shut down');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        logger.error({ signal, error: String(error) }, 'shutdown failed');
        exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT']) signals.on(signal, () => onSignal(signal));
}

/** Nest closes the server only after the shutdown hooks; new requests must stop before them. */
function stopAccepting(app: INestApplication): void {
  const server = app.getHttpServer() as { close?: (done?: () => void) => void } | undefined;
  server?.close?.(() => undefined);
}

export function shutdownTimeoutMs(env: NodeJS.ProcessEnv): number {
  const parsed = Number(env.SHUTDOWN_TIMEOUT_MS);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : DEFAULT_SHUTDOWN_TIMEOUT_MS;
}
