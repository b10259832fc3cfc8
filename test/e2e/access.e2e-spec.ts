import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { Topics, UTILITIES, Utility } from '@joint/contracts';

import { postJson } from '../support/http';
import { SampleForm, sampleNamed } from '../support/shared';
import { ServiceName, SERVICES, startStack, Stack } from '../support/stack';
import { DEMO_PASSWORD, DemoUser } from '../support/staff';
import { readTopic, testKafka } from '../support/topic-reader';
import { waitFor } from '../support/wait-for';

jest.setTimeout(300_000);

/** Every demo account, and a caller with no token at all. */
const USERS: DemoUser[] = [
  'clerk',
  'clerk.power-hall',
  'power.staff',
  'water.staff',
  'gas.staff',
  'officer.planning',
  'officer.urban',
  'officer.housing',
  'officer.forestry',
  'supervisor',
  'admin',
];
type Caller = DemoUser | 'nobody';
const CALLERS: Caller[] = [...USERS, 'nobody'];

type Method = 'GET' | 'POST' | 'PATCH';

/** Who may call an endpoint: anyone, the enterprise (number + phone), or these staff. */
type Who = 'public' | 'applicant' | DemoUser[];

interface Call {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One endpoint of one service, as Nest maps it, with a request that exercises it. */
interface Endpoint {
  service: ServiceName;
  method: Method;
  route: string;
  /** Several rows may share a route when access depends on the body (a hall form or not). */
  what?: string;
  who: Who;
  /** The status an allowed call answers. */
  ok: number;
  call(): Promise<Call> | Call;
}

/** What a call came to, in words a failing test prints. */
type Outcome = 'ok' | 'unauthorized' | 'forbidden' | `unexpected ${number}`;

const ALL_THREE = sampleNamed('wood-factory-all-three');
const ONLINE = sampleNamed('restaurant-water-gas-online');
const POWER_HALL = sampleNamed('warehouse-power-increase');
const WATER_ONLY = sampleNamed('textile-water-expansion');
const WORKS = { required: true, route: '纬三路', lengthM: 80, crossesRoad: true };

/** The routes a service's process mapped at start, read off its own log. */
function mappedRoutes(stack: Stack, service: ServiceName): string[] {
  const routes = new Set<string>();
  for (const line of readFileSync(stack.logFile(service), 'utf8').split('\n')) {
    const mapped = /Mapped \{([^,]+), (\w+)\} route/.exec(line);
    if (mapped) routes.add(`${mapped[2]} ${mapped[1]}`);
  }
  return [...routes].sort();
}

describe('who may do what, on every endpoint of every service', () => {
  let stack: Stack;
  /** Application numbers the rows act on, made before the table runs. */
  const fixture = {
    allThree: '',
    toAccept: '',
    toReturn: '',
    toWithdraw: '',
    permitId: '',
  };

  const intake = () => stack.url('intake');

  async function submit(form: SampleForm, as?: DemoUser): Promise<string> {
    const headers = as ? await stack.as(as) : {};
    const res = await postJson(`${intake()}/api/applications`, form.form, headers);
    expect(res.status).toBe(201);
    return res.body.applicationNo as string;
  }

  async function asStaff(user: DemoUser, url: string, body: unknown): Promise<void> {
    const res = await postJson(url, body, await stack.as(user));
    expect({ url, status: res.status, body: res.body }).toMatchObject({ status: 200 });
  }

  async function caseExists(utility: Utility, no: string): Promise<void> {
    const headers = await stack.as(`${utility}.staff`);
    await waitFor(`${utility} case ${no}`, async () => {
      const res = await fetch(`${stack.url(utility)}/api/cases/${no}`, { headers });
      return res.status === 200 ? true : undefined;
    });
  }

  /** A planning permit, asked for by power's case of a power-hall form. */
  async function planningPermit(): Promise<string> {
    const no = await submit(POWER_HALL, 'clerk.power-hall');
    await caseExists('power', no);
    const cases = `${stack.url('power')}/api/cases/${no}`;
    await asStaff('power.staff', `${cases}/specialist`, { name: '专员 甲', phone: '0564-6000009' });
    await asStaff('power.staff', `${cases}/steps`, { step: 'survey_done', externalWorks: WORKS });
    await asStaff('power.staff', `${cases}/steps`, { step: 'plan_confirmed', contractNo: 'HT-1' });
    await asStaff('power.staff', `${cases}/steps`, {
      step: 'permits_requested',
      permits: ['planning'],
    });
    const headers = await stack.as('supervisor');
    return waitFor('the planning permit', async () => {
      const res = await fetch(`${stack.url('permits')}/api/permits?applicationNo=${no}`, {
        headers,
      });
      const page = (await res.json()) as { items?: { id: string }[] };
      return page.items?.[0]?.id;
    });
  }

  async function signIn(username: DemoUser): Promise<{ refreshToken: string }> {
    const res = await postJson(`${intake()}/api/auth/login`, {
      username,
      password: DEMO_PASSWORD,
    });
    expect(res.status).toBe(200);
    return res.body as { refreshToken: string };
  }

  beforeAll(async () => {
    stack = await startStack('access', 3700);
    fixture.allThree = await submit(ALL_THREE, 'clerk');
    fixture.toAccept = await submit(ONLINE);
    fixture.toReturn = await submit(ONLINE);
    fixture.toWithdraw = await submit(WATER_ONLY, 'clerk');
    await Promise.all(UTILITIES.map((u) => caseExists(u, fixture.allThree)));
    fixture.permitId = await planningPermit();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const phone = { 'x-contact-phone': ALL_THREE.form.enterprise.contactPhone };

  const everyService = (route: string): Endpoint[] =>
    SERVICES.map((service) => ({
      service,
      method: 'GET',
      route,
      who: 'public',
      ok: 200,
      call: () => ({ path: route }),
    }));

  const utilityEndpoints = (utility: Utility): Endpoint[] => {
    const staff: DemoUser = `${utility}.staff`;
    const cases = () => `/api/cases/${fixture.allThree}`;
    return [
      {
        service: utility,
        method: 'GET',
        route: '/api/cases',
        who: [staff, 'supervisor'],
        ok: 200,
        call: () => ({ path: '/api/cases' }),
      },
      {
        service: utility,
        method: 'GET',
        route: '/api/cases/:applicationNo',
        who: [staff, 'supervisor'],
        ok: 200,
        call: () => ({ path: cases() }),
      },
      {
        service: utility,
        method: 'POST',
        route: '/api/cases/:applicationNo/specialist',
        who: [staff],
        ok: 200,
        call: () => ({
          path: `${cases()}/specialist`,
          body: { name: '专员 乙', phone: '0564-6000010' },
        }),
      },
      {
        service: utility,
        method: 'POST',
        route: '/api/cases/:applicationNo/steps',
        who: [staff],
        ok: 200,
        call: () => ({
          path: `${cases()}/steps`,
          body: { step: 'survey_done', externalWorks: WORKS },
        }),
      },
      {
        service: utility,
        method: 'GET',
        route: '/api/catalogue',
        who: 'public',
        ok: 200,
        call: () => ({ path: '/api/catalogue' }),
      },
    ];
  };

  /** The table. A route a service maps and this table lacks fails the first test. */
  const ENDPOINTS: Endpoint[] = [
    ...everyService('/health'),
    ...everyService('/metrics'),
    {
      service: 'intake',
      method: 'POST',
      route: '/api/applications',
      what: 'an online submission',
      who: 'public',
      ok: 201,
      call: () => ({ path: '/api/applications', body: ONLINE.form }),
    },
    {
      service: 'intake',
      method: 'POST',
      route: '/api/applications',
      what: 'a form entered at a hall window',
      who: ['clerk'],
      ok: 201,
      call: () => ({ path: '/api/applications', body: ALL_THREE.form }),
    },
    {
      service: 'intake',
      method: 'POST',
      route: '/api/applications/:applicationNo/acceptance',
      who: ['clerk'],
      ok: 200,
      call: () => ({ path: `/api/applications/${fixture.toAccept}/acceptance`, body: {} }),
    },
    {
      service: 'intake',
      method: 'POST',
      route: '/api/applications/:applicationNo/return',
      who: ['clerk'],
      ok: 200,
      call: () => ({
        path: `/api/applications/${fixture.toReturn}/return`,
        body: { reasons: ['营业执照复印件不清晰'] },
      }),
    },
    {
      service: 'intake',
      method: 'POST',
      route: '/api/applications/:applicationNo/withdrawal',
      who: 'applicant',
      ok: 200,
      call: () => ({
        path: `/api/applications/${fixture.toWithdraw}/withdrawal`,
        body: { reason: '项目取消' },
        headers: { 'x-contact-phone': WATER_ONLY.form.enterprise.contactPhone },
      }),
    },
    {
      service: 'intake',
      method: 'GET',
      route: '/api/applications/:applicationNo/progress',
      who: 'applicant',
      ok: 200,
      call: () => ({ path: `/api/applications/${fixture.allThree}/progress`, headers: phone }),
    },
    {
      service: 'intake',
      method: 'POST',
      route: '/api/auth/login',
      who: 'public',
      ok: 200,
      call: () => ({
        path: '/api/auth/login',
        body: { username: 'supervisor', password: DEMO_PASSWORD },
      }),
    },
    {
      service: 'intake',
      method: 'POST',
      route: '/api/auth/refresh',
      who: 'public',
      ok: 200,
      call: async () => ({
        path: '/api/auth/refresh',
        body: { refreshToken: (await signIn('supervisor')).refreshToken },
      }),
    },
    {
      service: 'intake',
      method: 'GET',
      route: '/api/admin/accounts',
      who: ['admin'],
      ok: 200,
      call: () => ({ path: '/api/admin/accounts' }),
    },
    {
      service: 'intake',
      method: 'POST',
      route: '/api/admin/accounts',
      who: ['admin'],
      ok: 201,
      call: () => ({
        path: '/api/admin/accounts',
        body: {
          username: `new.${randomUUID().slice(0, 8)}`,
          password: 'a-long-enough-password',
          staffId: 'YJ-GH-950',
          name: '新 同事',
          role: 'supervisor',
          scopes: [],
        },
      }),
    },
    {
      service: 'intake',
      method: 'PATCH',
      route: '/api/admin/accounts/:username',
      who: ['admin'],
      ok: 200,
      call: () => ({ path: '/api/admin/accounts/clerk', body: { name: '演示 窗口' } }),
    },
    ...UTILITIES.flatMap(utilityEndpoints),
    {
      service: 'permits',
      method: 'GET',
      route: '/api/permits',
      who: [
        'officer.planning',
        'officer.urban',
        'officer.housing',
        'officer.forestry',
        'supervisor',
      ],
      ok: 200,
      call: () => ({ path: '/api/permits' }),
    },
    {
      service: 'permits',
      method: 'GET',
      route: '/api/permits/:id',
      who: ['officer.planning', 'supervisor'],
      ok: 200,
      call: () => ({ path: `/api/permits/${fixture.permitId}` }),
    },
    {
      service: 'permits',
      method: 'POST',
      route: '/api/permits/:id/decision',
      who: ['officer.planning'],
      ok: 200,
      call: () => ({
        path: `/api/permits/${fixture.permitId}/decision`,
        // The officer recorded is the one signed in (checked below), not this one.
        body: { decision: 'granted', conditions: '白天施工', officer: 'FAKE-003' },
      }),
    },
  ];

  function expectedOf(endpoint: Endpoint, caller: Caller): Outcome {
    const { who } = endpoint;
    if (who === 'public' || who === 'applicant') return 'ok';
    if (caller === 'nobody') return 'unauthorized';
    return who.includes(caller) ? 'ok' : 'forbidden';
  }

  async function outcomeOf(endpoint: Endpoint, caller: Caller): Promise<Outcome> {
    const { path, body, headers } = await endpoint.call();
    const auth = caller === 'nobody' ? {} : await stack.as(caller);
    const res = await fetch(`${stack.url(endpoint.service)}${path}`, {
      method: endpoint.method,
      headers: { 'content-type': 'application/json', ...auth, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    await res.arrayBuffer();
    if (res.status === 401) return 'unauthorized';
    if (res.status === 403) return 'forbidden';
    if (res.status === endpoint.ok) return 'ok';
    // The enterprise's own endpoints change state once (a withdrawal); later calls may refuse,
    // which is fine as long as no token made a difference.
    if (endpoint.who === 'applicant' && res.status < 500) return 'ok';
    return `unexpected ${res.status}`;
  }

  it('has a row for every route every service maps', () => {
    for (const service of SERVICES) {
      const inTable = new Set(
        ENDPOINTS.filter((e) => e.service === service).map((e) => `${e.method} ${e.route}`),
      );
      const mapped = mappedRoutes(stack, service);
      const missing = mapped.filter((route) => !inTable.has(route));

      expect(mapped).toEqual(expect.arrayContaining(['GET /health', 'GET /metrics']));
      expect({ service, missing }).toEqual({ service, missing: [] });
    }
  });

  it('lets each role do exactly what it may, and answers 403 for the rest', async () => {
    const seen: string[] = [];
    const expected: string[] = [];
    for (const endpoint of ENDPOINTS) {
      // The refused first: an allowed call may change what the others would see.
      const order = [...CALLERS].sort(
        (a, b) =>
          Number(expectedOf(endpoint, a) === 'ok') - Number(expectedOf(endpoint, b) === 'ok'),
      );
      for (const caller of order) {
        const label = `${endpoint.service} ${endpoint.method} ${endpoint.route}${
          endpoint.what ? ` (${endpoint.what})` : ''
        } as ${caller}`;
        seen.push(`${label}: ${await outcomeOf(endpoint, caller)}`);
        expected.push(`${label}: ${expectedOf(endpoint, caller)}`);
      }
    }

    expect(seen).toEqual(expected);
  });

  it('records the decision under the signed-in officer, not the one in the body', async () => {
    const decided = await waitFor('the decision on permits.progress', async () => {
      const events = (await readTopic(testKafka(), Topics.permitsProgress)).map(
        (m) => JSON.parse(m.value ?? '{}') as { data: { permitId?: string; officer?: string } },
      );
      return events.find((e) => e.data.permitId === fixture.permitId && e.data.officer);
    });

    expect(decided.data.officer).toBe('ZR-YJ-901');
  });
});
