import { randomUUID } from 'node:crypto';

import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';

import { readServiceConfig } from '../src/config/service-config';
import { ensureDatabase } from '../src/database/ensure-database';
import { typeOrmOptions } from '../src/database/typeorm-options';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

jest.setTimeout(60_000);

/** What an ops engineer's `pg_terminate_backend` does to every connection of a database. */
async function terminateBackends(database: string): Promise<number> {
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    const result = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
      [database],
    );
    return result.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe('a service whose database connections are cut', () => {
  const config = readServiceConfig('power', {
    DATABASE_URL,
    DATABASE_PREFIX: `jt_${randomUUID().replace(/-/g, '').slice(0, 10)}_`,
    KAFKA_BROKERS: '127.0.0.1:9092',
  });
  let dataSource: DataSource;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    await ensureDatabase(config.databaseServerUrl, config.databaseName);
    const options = { ...typeOrmOptions(config, [], []), migrationsRun: false };
    dataSource = new DataSource(options as DataSourceOptions);
    await dataSource.initialize();
    process.on('uncaughtException', onUncaught);
  });

  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await dataSource?.destroy();
    const admin = new Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${config.databaseName}" WITH (FORCE)`);
    await admin.end();
  });

  it('survives connections dropped while idle, held between queries, or mid-query', async () => {
    const held = dataSource.createQueryRunner();
    await held.connect();
    await held.query('SELECT 1');
    const inTransaction = dataSource.createQueryRunner();
    await inTransaction.startTransaction();
    const sleeping = dataSource.query('SELECT pg_sleep(5)').catch((error: Error) => error);
    await Promise.all([1, 2, 3].map(() => dataSource.query('SELECT 1')));

    expect(await terminateBackends(config.databaseName)).toBeGreaterThanOrEqual(3);
    expect(await sleeping).toBeInstanceOf(Error);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await held.release();
    await inTransaction.release();

    expect(uncaught).toEqual([]);
    expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
