import { INestApplication } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';

import { FieldError, Topics } from '@joint/contracts';
import { FakeClock, ServiceConfig } from '@joint/platform';

import type { StepView } from '../src/case-query/case-view';
import type { Catalogue } from '../src/catalogue/catalogue.controller';
import { applicationAccepted } from './application-accepted.fixture';
import {
  applicationWithdrawn,
  countOutbox,
  deleteGroup,
  dropDatabase,
  getJson,
  permitProgressed,
  postJson,
  produce,
  startPower,
  testEnv,
  testKafka,
  waitFor,
} from './utility-test-kit';

jest.setTimeout(120_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('a power case over HTTP and Kafka', () => {
  const env = testEnv();
  // Monday 1 June 2026, 09:00 in China: every limit falls inside the calendar's years.
  const clock = new FakeClock(new Date('2026-06-01T01:00:00Z'));
  const run = Date.now();
  let app: INestApplication;
  let config: ServiceConfig;
  let kafka: Kafka;
  let baseUrl: string;
  let dataSource: DataSource;

  const caseUrl = (no: string) => `${baseUrl}/api/cases/${no}`;
  const step = (no: string, body: Json) => postJson<Json>(`${caseUrl(no)}/steps`, body);
  const findCase = async (no: string) => (await getJson<Json>(caseUrl(no))).body;

  /** Opens a 630 kVA (high-voltage) case and names its specialist. */
  async function openCase(applicationNo: string): Promise<void> {
    const accepted = applicationAccepted(
      applicationNo,
      ['power', 'water'],
      clock.now().toISOString(),
    );
    await produce(kafka, Topics.applicationsAccepted, [accepted]);
    await waitFor(`${applicationNo} to open`, async () => {
      return (await getJson(caseUrl(applicationNo))).status === 200;
    });
    const specialist = { name: '李强', phone: '13900000002', actor: 'PW-01' };
    expect((await postJson(`${caseUrl(applicationNo)}/specialist`, specialist)).status).toBe(200);
  }

  /** Walks an open case through the survey (with works) and plan to its permit requests. */
  async function requestPermits(applicationNo: string): Promise<void> {
    const externalWorks = {
      required: true,
      route: '纬三路 东段',
      lengthM: 120,
      crossesRoad: true,
      greenLand: true,
    };
    expect((await step(applicationNo, { step: 'survey_done', externalWorks })).status).toBe(200);
    expect(
      (await step(applicationNo, { step: 'plan_confirmed', contractNo: 'GD-2026-0601' })).status,
    ).toBe(200);
    const permits = ['road_excavation', 'green_land_occupation'];
    const requested = await step(applicationNo, {
      step: 'permits_requested',
      permits,
      actor: 'PW-02',
    });
    expect(requested).toMatchObject({
      status: 200,
      body: { currentStep: 'permits_requested', pendingStep: 'permits_granted' },
    });
  }

  beforeAll(async () => {
    ({ app, config, baseUrl } = await startPower(env, clock));
    kafka = testKafka(config);
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await deleteGroup(kafka, `${config.groupPrefix}power`);
    await dropDatabase(config.databaseName);
  });

  it('refuses an illegal step with 409 and publishes nothing', async () => {
    const applicationNo = `YJ-WF-${run}-1`;
    await openCase(applicationNo);
    const before = await countOutbox(dataSource, applicationNo);

    const connected = await step(applicationNo, { step: 'connected' });
    const granted = await step(applicationNo, { step: 'permits_granted' });

    expect(connected).toEqual({
      status: 409,
      body: {
        error: 'ILLEGAL_STEP',
        message: 'connected cannot follow specialist_assigned: the next step is survey_done',
      },
    });
    expect(granted).toMatchObject({
      status: 409,
      body: { message: expect.stringMatching(/permit office/) },
    });
    expect(await countOutbox(dataSource, applicationNo)).toBe(before);
    expect(await findCase(applicationNo)).toMatchObject({ currentStep: 'specialist_assigned' });
  });

  it('names the bad fields of a step with 400, and answers 404 for an unknown case', async () => {
    const applicationNo = `YJ-WF-${run}-1`;

    const survey = await step(applicationNo, {
      step: 'survey_done',
      externalWorks: { required: true },
    });
    const unknown = await step(`YJ-NONE-${run}`, { step: 'resumed' });

    expect(survey.status).toBe(400);
    expect((survey.body.errors as FieldError[]).map((e) => e.field).sort()).toEqual([
      'externalWorks.lengthM',
      'externalWorks.route',
    ]);
    expect(unknown.status).toBe(404);
  });

  it('reaches permits_granted by itself once every permit asked for is granted', async () => {
    const applicationNo = `YJ-WF-${run}-2`;
    await openCase(applicationNo);
    await requestPermits(applicationNo);

    await produce(kafka, Topics.permitsProgress, [
      permitProgressed(applicationNo, {
        permitType: 'road_excavation',
        status: 'requested',
        utilities: ['power'],
      }),
      permitProgressed(applicationNo, {
        permitType: 'road_excavation',
        status: 'granted',
        utilities: ['power', 'water'],
      }),
    ]);
    await waitFor('the first grant to be recorded', async () => {
      return (await findCase(applicationNo)).permits.granted.length === 1;
    });
    expect(await findCase(applicationNo)).toMatchObject({ currentStep: 'permits_requested' });

    await produce(kafka, Topics.permitsProgress, [
      permitProgressed(applicationNo, {
        permitType: 'green_land_occupation',
        status: 'granted',
        utilities: ['power'],
      }),
    ]);
    const granted = await waitFor('permits_granted', async () => {
      const found = await findCase(applicationNo);
      return found.currentStep === 'permits_granted' ? found : undefined;
    });

    // Construction of external works: 10 working days from Monday 1 June 2026 (the Dragon Boat
    // holiday, Friday 19 June, is not one): the end of Monday 15 June, China time.
    expect(granted).toMatchObject({
      pendingStep: 'construction_done',
      dueBy: '2026-06-15T16:00:00.000Z',
      permits: { requested: ['road_excavation', 'green_land_occupation'] },
      externalWorks: { required: true, lengthM: 120 },
      contractNo: 'GD-2026-0601',
    });
    expect((granted.steps as StepView[]).map((s) => s.step)).toEqual([
      'received',
      'specialist_assigned',
      'survey_done',
      'plan_confirmed',
      'permits_requested',
      'permits_granted',
    ]);
    expect(await countOutbox(dataSource, applicationNo, 'permits_granted')).toBe(1);
  });

  it('returns the case with the reason of a rejected permit, to request again after resuming', async () => {
    const applicationNo = `YJ-WF-${run}-3`;
    await openCase(applicationNo);
    await requestPermits(applicationNo);
    const reason = '绿地占用面积超出规定，请调整路由';

    await produce(kafka, Topics.permitsProgress, [
      permitProgressed(applicationNo, {
        permitType: 'green_land_occupation',
        status: 'rejected',
        utilities: ['power'],
        reason,
      }),
    ]);
    const returned = await waitFor('the case to be returned', async () => {
      const found = await findCase(applicationNo);
      return found.status === 'returned' ? found : undefined;
    });

    expect(returned).toMatchObject({
      returnedReasons: [reason],
      pendingStep: 'permits_requested',
      dueBy: null,
    });
    expect(await countOutbox(dataSource, applicationNo, 'returned')).toBe(1);
    expect(
      (await step(applicationNo, { step: 'permits_requested', permits: ['road_excavation'] }))
        .status,
    ).toBe(409);
    expect((await step(applicationNo, { step: 'resumed' })).body).toMatchObject({
      pendingStep: 'permits_requested',
    });
    const again = await step(applicationNo, {
      step: 'permits_requested',
      permits: ['road_excavation'],
    });
    expect(again.body).toMatchObject({ status: 'in_progress', pendingStep: 'permits_granted' });
  });

  it('withdraws an open case from applications.withdrawn, then refuses its steps', async () => {
    const applicationNo = `YJ-WF-${run}-4`;
    await openCase(applicationNo);

    await produce(kafka, Topics.applicationsWithdrawn, [
      applicationWithdrawn(applicationNo, '企业取消项目'),
    ]);
    await waitFor(
      'the withdrawal',
      async () => (await findCase(applicationNo)).status === 'withdrawn',
    );

    expect(await countOutbox(dataSource, applicationNo, 'withdrawn')).toBe(1);
    const after = await step(applicationNo, {
      step: 'survey_done',
      externalWorks: { required: false },
    });
    expect(after).toMatchObject({
      status: 409,
      body: { message: expect.stringMatching(/withdrawn/) },
    });
  });

  it('lists the work queue, earliest due first, and names a bad filter', async () => {
    const queue = await getJson<Json>(`${baseUrl}/api/cases?status=in_progress`);
    const bad = await getJson<Json>(`${baseUrl}/api/cases?status=open&page=0`);

    expect(queue.status).toBe(200);
    expect(queue.body).toMatchObject({ page: 1, pageSize: 50 });
    const dues = (queue.body.items as Json[]).map((c) => c.dueBy as string | null);
    expect(dues.filter(Boolean)).toEqual([...dues.filter(Boolean)].sort());
    expect(bad.status).toBe(400);
    expect((bad.body.errors as FieldError[]).map((e) => e.field)).toEqual(['status', 'page']);
  });

  it('publishes its catalogue: steps, limits per profile, fee items', async () => {
    const { status, body } = await getJson<Catalogue>(`${baseUrl}/api/catalogue`);

    expect(status).toBe(200);
    expect(body.profiles.map((p) => p.name)).toEqual(['low_voltage', 'high_voltage']);
    expect(body.fees.map((f) => f.code)).toContain('low_voltage_connection');
  });
});
