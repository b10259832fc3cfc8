import { DynamicModule } from '@nestjs/common';
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
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.enableShutdownHooks();

  await app.listen(config.port, '0.0.0.0');
  logger.log(
    { service: config.service, port: config.port, database: config.databaseName },
    'service listening',
  );
  return app;
}
