import { INestApplication } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';

import { Topics } from '@joint/contracts';
import { FakeClock, ServiceConfig } from '@joint/platform';

import { OverdueScanner } from '../src/overdue/overdue-scanner.service';
import { applicationAccepted } from './application-accepted.fixture';
import {
  countOutbox,
  deleteGroup,
  dropDatabase,
  getJson,
  postJson,
  produce,
  startPower,
  testEnv,
  testKafka,
  waitFor,
} from './utility-test-kit';

jest.setTimeout(120_000);

/** A moment given in China time. */
function china(localTime: string): Date {
  return new Date(`${localTime}:00+08:00`);
}

describe('the overdue watch', () => {
  const env = testEnv();
  // Monday 1 June 2026, 09:00 in China; a low-voltage case's specialist is due in 1 working
  // day: by the end of Tuesday 2 June (24:00), 39 hours on; 80% of that is Tuesday 16:12.
  const clock = new FakeClock(china('2026-06-01T09:00'));
  const applicationNo = `YJ-OVERDUE-${Date.now()}`;
  let app: INestApplication;
  let config: ServiceConfig;
  let kafka: Kafka;
  let baseUrl: string;

  async function restart(): Promise<void> {
    await app.close();
    ({ app, baseUrl } = await startPower(env, clock));
  }

  const scan = () => app.get(OverdueScanner).scanOverdue();
  const owed = (step: string) => countOutbox(app.get(DataSource), applicationNo, step);

  beforeAll(async () => {
    ({ app, config, baseUrl } = await startPower(env, clock));
    kafka = testKafka(config);
    const accepted = applicationAccepted(applicationNo, ['power'], clock.now().toISOString(), {
      power: { type: 'new', mainCapacityKva: 100, backupCapacityKva: 0 },
    });
    await produce(kafka, Topics.applicationsAccepted, [accepted]);
    await waitFor('the case to open', async () => {
      return (await getJson(`${baseUrl}/api/cases/${applicationNo}`)).status === 200;
    });
  });

  afterAll(async () => {
    await app?.close();
    await deleteGroup(kafka, `${config.groupPrefix}power`);
    await dropDatabase(config.databaseName);
  });

  it('gives the pending step a real due date from the working calendar', async () => {
    const { body } = await getJson(`${baseUrl}/api/cases/${applicationNo}`);

    expect(body).toMatchObject({
      profile: 'low_voltage',
      pendingStep: 'specialist_assigned',
      dueBy: china('2026-06-03T00:00').toISOString(),
    });
  });

  it('warns nothing before 80% of the limit has passed', async () => {
    clock.set(china('2026-06-02T16:00'));

    await scan();

    expect(await owed('overdue_warning')).toBe(0);
  });

  it('warns exactly once past 80%, also across a restart', async () => {
    clock.set(china('2026-06-02T16:30'));

    // Other runs' acceptances on the shared topic open cases here too: count this one's rows.
    expect((await scan()).warned).toBeGreaterThanOrEqual(1);
    expect(await owed('overdue_warning')).toBe(1);
    await scan();
    await restart();
    await scan();

    expect(await owed('overdue_warning')).toBe(1);
    expect(await owed('overdue')).toBe(0);
    const { body } = await getJson<{ steps: Array<{ step: string; pendingStep: string }> }>(
      `${baseUrl}/api/cases/${applicationNo}`,
    );
    expect(body.steps.filter((s) => s.step === 'overdue_warning')).toEqual([
      expect.objectContaining({ pendingStep: 'specialist_assigned' }),
    ]);
  });

  it('publishes overdue exactly once after the due date, also across a restart', async () => {
    clock.set(china('2026-06-03T00:01'));

    expect((await scan()).overdue).toBeGreaterThanOrEqual(1);
    expect(await owed('overdue')).toBe(1);
    await scan();
    await restart();
    clock.advance(60 * 60 * 1000);
    await scan();

    expect(await owed('overdue')).toBe(1);
    expect(await owed('overdue_warning')).toBe(1);
  });

  it('publishes the warning and the overdue to utility.progress with the pending step', async () => {
    const dataSource = app.get(DataSource);
    await waitFor('the outbox to publish', async () => {
      const rows: Array<{ n: string }> = await dataSource.query(
        `SELECT count(*) AS n FROM outbox WHERE message_key = $1 AND published_at IS NULL`,
        [applicationNo],
      );
      return rows[0].n === '0';
    });
    const rows: Array<{ payload: { data: Record<string, unknown> } }> = await dataSource.query(
      `SELECT payload FROM outbox WHERE message_key = $1 AND payload->'data'->>'step' LIKE 'overdue%'
        ORDER BY id`,
      [applicationNo],
    );

    expect(rows.map((r) => r.payload.data)).toEqual([
      expect.objectContaining({
        step: 'overdue_warning',
        pendingStep: 'specialist_assigned',
        dueBy: china('2026-06-03T00:00').toISOString(),
      }),
      expect.objectContaining({ step: 'overdue', pendingStep: 'specialist_assigned' }),
    ]);
  });

  it('starts a new clock with the next step, and watches nothing while returned', async () => {
    const specialist = { name: '李强', phone: '13900000002', actor: 'PW-01' };
    expect(
      (await postJson(`${baseUrl}/api/cases/${applicationNo}/specialist`, specialist)).status,
    ).toBe(200);
    const returned = { step: 'returned', reasons: ['厂房产权证明缺页'] };
    expect((await postJson(`${baseUrl}/api/cases/${applicationNo}/steps`, returned)).status).toBe(
      200,
    );

    const before = await countOutbox(app.get(DataSource), applicationNo);
    clock.advance(30 * 24 * 60 * 60 * 1000);
    await scan();
    expect(await countOutbox(app.get(DataSource), applicationNo)).toBe(before);

    const resumed = await postJson(`${baseUrl}/api/cases/${applicationNo}/steps`, {
      step: 'resumed',
    });
    expect(resumed.body).toMatchObject({ status: 'in_progress', pendingStep: 'construction_done' });
    expect(Date.parse(resumed.body.dueBy as string)).toBeGreaterThan(clock.now().getTime());
  });
});
