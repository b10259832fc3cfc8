import { DynamicModule, Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';

import { ServiceConfig } from '../config/service-config';
import { ensureDatabase } from '../database/ensure-database';

/** Request bodies above this are refused with 413; a form is a few kilobytes. */
const BODY_LIMIT = '64kb';

/**
 * Starts one service: its database first (created when missing; the
 * module's TypeORM runs the migrations), then the HTTP server. SIGTERM and
 * SIGINT close it through Nest's shutdown hooks.
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
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.enableShutdownHooks();

  await app.listen(config.port, '0.0.0.0');
  new NestLogger('Bootstrap').log(
    { port: config.port, database: config.databaseName },
    'service listening',
  );
  return app;
}
