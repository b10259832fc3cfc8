import { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { EntitySchema, MixedList } from 'typeorm';

import { ServiceConfig } from '../config/service-config';
import { databaseUrl } from './ensure-database';
import { GuardedPgClient } from './guarded-pg-client';

type EntityList = MixedList<string | (new () => unknown) | EntitySchema>;
type MigrationList = MixedList<string | (new () => unknown)>;

/**
 * The service's own database, brought up to date by its migrations at
 * start. Schema sync stays off: the migrations are the schema.
 */
export function typeOrmOptions(
  config: ServiceConfig,
  entities: EntityList,
  migrations: MigrationList,
): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url: databaseUrl(config.databaseServerUrl, config.databaseName),
    entities,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // pg-pool makes its connections with `Client`: one that never dies of a dropped connection.
    extra: { max: 10, application_name: config.service, Client: GuardedPgClient },
  };
}
