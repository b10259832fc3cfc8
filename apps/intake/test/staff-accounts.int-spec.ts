import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

import { TestTokens } from '@joint/auth/testing';
import { bootstrapService } from '@joint/platform';

import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/cli/demo-accounts';
import { readIntakeConfig } from '../src/config/intake-config';
import { IntakeModule } from '../src/intake.module';
import { StaffAccount } from '../src/staff/staff-account.entity';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

jest.setTimeout(120_000);

describe('staff accounts on a new intake', () => {
  const run = randomUUID().replace(/-/g, '').slice(0, 10);
  const env = {
    ...new TestTokens().env,
    DATABASE_URL,
    DATABASE_PREFIX: `jt_${run}_`,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    KAFKA_GROUP_PREFIX: `test-${run}-`,
    PORT: '0',
    LOG_LEVEL: 'error',
  };
  const config = readIntakeConfig(env);
  let app: NestExpressApplication;
  let baseUrl: string;

  beforeAll(async () => {
    app = await bootstrapService(config, IntakeModule.register(config));
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${config.databaseName}" WITH (FORCE)`);
    await client.end();
  });

  it('has no account at all, demo or other, until someone creates one', async () => {
    expect(await app.get(DataSource).getRepository(StaffAccount).count()).toBe(0);

    for (const { username } of DEMO_ACCOUNTS) {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });

      expect({ username, status: res.status }).toEqual({ username, status: 401 });
    }
  });
});
