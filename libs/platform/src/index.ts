export * from './config/service-config';
export * from './database/ensure-database';
export * from './database/typeorm-options';
export * from './health/health.controller';
export * from './metrics/metrics.controller';
export * from './logging/logger.module';
export * from './bootstrap/bootstrap-service';
export * from './bootstrap/service-module';
