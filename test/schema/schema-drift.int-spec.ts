import { randomBytes } from 'node:crypto';

import { Client } from 'pg';
import { DataSource } from 'typeorm';

import { ServiceSchema, withMessagingTables } from '@joint/platform';
import { UTILITY_SCHEMA } from '@joint/utility-case';

import { INTAKE_SCHEMA } from '../../apps/intake/src/intake.module';
import { PERMITS_SCHEMA } from '../../apps/permits/src/permits.module';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function urlOf(database: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: urlOf('postgres') });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/**
 * The migrations are the schema; the entities must describe exactly what
 * they make, or TypeORM would write to columns that are not there.
 */
describe.each([
  ['intake', INTAKE_SCHEMA],
  ['power, water and gas', UTILITY_SCHEMA],
  ['permits', PERMITS_SCHEMA],
] as [string, ServiceSchema][])('the schema of %s', (_name, schema) => {
  const database = `drift_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${database}`);
    dataSource = new DataSource({
      type: 'postgres',
      url: urlOf(database),
      ...withMessagingTables(schema),
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('is what its entities say, after its migrations', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();

    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('can be rolled back to nothing', async () => {
    for (let i = 0; i < schema.migrations.length + 1; i++) await dataSource.undoLastMigration();

    const tables: unknown[] = await dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    expect(tables).toEqual([]);
  });
});
