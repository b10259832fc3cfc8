import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { sign } from 'jsonwebtoken';

import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@joint/auth';
import { Topics } from '@joint/contracts';

import { getJson, postJson } from '../support/http';
import { sampleNamed } from '../support/shared';
import { ServiceName, SERVICES, startStack, Stack } from '../support/stack';
import { accountsCli, DEMO_PASSWORD } from '../support/staff';
import { readTopic, testKafka } from '../support/topic-reader';
import { waitFor } from '../support/wait-for';

jest.setTimeout(240_000);

/** A short window, so the test can see a limit lift. */
const WINDOW_S = 4;
/** Online submissions one client may send a minute without a clerk's sign-in. */
const ANONYMOUS_PER_MINUTE = 3;

/** A staff endpoint of each service, read-only, that the supervisor (or admin) may call. */
const STAFF_ENDPOINT: Record<ServiceName, string> = {
  intake: '/api/admin/accounts',
  power: '/api/cases',
  water: '/api/cases',
  gas: '/api/cases',
  permits: '/api/permits',
};

const CLAIMS = {
  staffId: 'YJ-DC-901',
  name: '演示 督查',
  role: 'supervisor',
  scopes: [] as string[],
};

/** The first answer that is not 429, tried until the limits' window has surely passed. */
function afterTheWindow<T extends { status: number }>(call: () => Promise<T>): Promise<T> {
  const probe = async () => {
    const res = await call();
    return res.status === 429 ? undefined : res;
  };
  return waitFor('the window to pass', probe, (WINDOW_S + 3) * 1000, 500);
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token with every claim right and no signature at all. */
function unsignedToken(): string {
  const exp = Math.floor(Date.now() / 1000) + 600;
  const claims = { ...CLAIMS, sub: 'supervisor', exp, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE };
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
}

describe('staff tokens, sign-in and the limits on guessing', () => {
  let stack: Stack;
  let privateKey: string;

  beforeAll(async () => {
    stack = await startStack('signin', 3800, {
      WRONG_TRIES_WINDOW_S: String(WINDOW_S),
      SUBMISSIONS_PER_CLIENT_PER_MINUTE: String(ANONYMOUS_PER_MINUTE),
    });
    privateKey = readFileSync(stack.env.AUTH_PRIVATE_KEY_FILE, 'utf8');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** A token as intake would sign it, with these changes. */
  function token(key: string, exp: number, claims: object = CLAIMS): string {
    const options = { algorithm: 'ES256' as const, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE };
    return sign({ ...claims, sub: 'supervisor', exp }, key, options);
  }

  const now = () => Math.floor(Date.now() / 1000);
  const otherKey = () =>
    generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();

  const BAD_TOKENS: [string, () => Record<string, string>][] = [
    ['missing', () => ({})],
    ['expired', () => ({ authorization: `Bearer ${token(privateKey, now() - 60)}` })],
    [
      'forged (signed with another key)',
      () => ({ authorization: `Bearer ${token(otherKey(), now() + 600)}` }),
    ],
    ['unsigned (alg none)', () => ({ authorization: `Bearer ${unsignedToken()}` })],
    ['not a token', () => ({ authorization: 'Bearer not-a-token' })],
    [
      'of another scheme',
      () => ({ authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` }),
    ],
  ];

  it.each(SERVICES)(
    '%s answers 401 to a missing, expired, forged or unsigned token',
    async (service) => {
      const url = `${stack.url(service)}${STAFF_ENDPOINT[service]}`;
      for (const [what, headers] of BAD_TOKENS) {
        const res = await fetch(url, { headers: headers() });

        expect({ what, status: res.status }).toEqual({ what, status: 401 });
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }

      const good = await fetch(url, {
        headers: await stack.as(service === 'intake' ? 'admin' : 'supervisor'),
      });
      expect(good.status).toBe(200);
    },
  );

  it('trusts a token signed with the right key on every service, checking it alone', async () => {
    const headers = { authorization: `Bearer ${token(privateKey, now() + 600)}` };
    for (const service of SERVICES.filter((s) => s !== 'intake')) {
      const res = await fetch(`${stack.url(service)}${STAFF_ENDPOINT[service]}`, { headers });

      expect({ service, status: res.status }).toEqual({ service, status: 200 });
    }
  });

  it('answers 429 after ten wrong phones, even the right one, till the window ends', async () => {
    const form = sampleNamed('textile-water-expansion');
    const created = await postJson(
      `${stack.url('intake')}/api/applications`,
      form.form,
      await stack.as('clerk'),
    );
    const no = created.body.applicationNo as string;
    const url = `${stack.url('intake')}/api/applications/${no}/progress`;
    const right = { 'x-contact-phone': form.form.enterprise.contactPhone };

    for (let i = 0; i < 10; i += 1) {
      const wrong = await getJson(url, { 'x-contact-phone': `1390000${String(1000 + i)}` });
      expect(wrong.status).toBe(404);
    }
    const blocked = await fetch(url, { headers: right });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    expect((await afterTheWindow(() => getJson(url, right))).status).toBe(200);
  });

  it('answers 429 after ten wrong passwords for one account, until the window passes', async () => {
    const url = `${stack.url('intake')}/api/auth/login`;
    for (let i = 0; i < 10; i += 1) {
      const wrong = await postJson(url, { username: 'gas.staff', password: `guess-${i}` });
      expect(wrong.status).toBe(401);
    }
    const right = { username: 'gas.staff', password: DEMO_PASSWORD };
    expect((await postJson(url, right)).status).toBe(429);

    expect((await afterTheWindow(() => postJson(url, right))).status).toBe(200);
  });

  it('limits anonymous online submissions per client, but not a signed-in clerk', async () => {
    const form = sampleNamed('restaurant-water-gas-online').form;
    const url = `${stack.url('intake')}/api/applications`;
    for (let i = 0; i < ANONYMOUS_PER_MINUTE; i += 1) {
      expect((await postJson(url, form)).status).toBe(201);
    }

    const refused = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(form),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await postJson(url, form, await stack.as('clerk'))).status).toBe(201);
  });

  it('lets a supervisor read any progress view without the phone, and nobody else', async () => {
    const form = sampleNamed('school-canteen-gas-water');
    const created = await postJson(
      `${stack.url('intake')}/api/applications`,
      form.form,
      await stack.as('clerk'),
    );
    const no = created.body.applicationNo as string;
    const url = `${stack.url('intake')}/api/applications/${no}/progress`;

    expect((await getJson(url, await stack.as('supervisor'))).status).toBe(200);
    expect((await getJson(url, await stack.as('clerk'))).status).toBe(404);
    expect((await getJson(url, await stack.as('admin'))).status).toBe(404);
    expect((await getJson(url)).status).toBe(404);
  });

  it('lets the admin create an account, the CLI re-role and disable it', async () => {
    const intake = stack.url('intake');
    const username = `water.new${Date.now().toString(36)}`;
    const password = 'a-long-enough-password';
    const created = await postJson(
      `${intake}/api/admin/accounts`,
      {
        username,
        password,
        staffId: 'SW-YJ-950',
        name: '新 同事',
        role: 'utility_staff',
        scopes: ['water'],
      },
      await stack.as('admin'),
    );
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    const selfLockout = await fetch(`${intake}/api/admin/accounts/admin`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...(await stack.as('admin')) },
      body: JSON.stringify({ disabled: true }),
    });
    expect(selfLockout.status).toBe(403);

    const signIn = () =>
      postJson<{ accessToken: string; refreshToken: string; role: string }>(
        `${intake}/api/auth/login`,
        { username, password },
      );
    const first = await signIn();
    expect(first).toMatchObject({ status: 200, body: { role: 'utility_staff' } });
    const bearer = { authorization: `Bearer ${first.body.accessToken}` };
    expect((await getJson(`${stack.url('water')}/api/cases`, bearer)).status).toBe(200);
    expect((await getJson(`${stack.url('power')}/api/cases`, bearer)).status).toBe(403);

    await accountsCli(stack.env, ['role', username, 'supervisor']);
    const reroled = await signIn();
    expect(reroled).toMatchObject({ status: 200, body: { role: 'supervisor' } });

    const { stdout } = await accountsCli(stack.env, ['disable', username]);
    expect(stdout).toContain(`disabled ${username}`);
    expect((await signIn()).status).toBe(401);
    const refreshed = await postJson(`${intake}/api/auth/refresh`, {
      refreshToken: reroled.body.refreshToken,
    });
    expect(refreshed.status).toBe(401);
  });

  it('records the clerk and staff member of the token, never a name in the body', async () => {
    const form = sampleNamed('warehouse-power-increase');
    const impostor = { staffId: 'FAKE-001', name: '冒名 顶替' };
    const created = await postJson(
      `${stack.url('intake')}/api/applications`,
      { ...form.form, firstContact: impostor },
      await stack.as('clerk.power-hall'),
    );
    expect(created.status).toBe(201);
    const no = created.body.applicationNo as string;

    const power = await stack.as('power.staff');
    const cases = `${stack.url('power')}/api/cases/${no}`;
    await waitFor('the power case', async () =>
      (await getJson(cases, power)).status === 200 ? true : undefined,
    );
    const step = await postJson(
      `${cases}/specialist`,
      { name: '专员 丙', phone: '0564-6000011', actor: 'FAKE-002' },
      power,
    );
    expect(step.status).toBe(200);

    const kafka = testKafka();
    const accepted = await waitFor('the acceptance on Kafka', async () => {
      const found = (await readTopic(kafka, Topics.applicationsAccepted)).find((m) => m.key === no);
      return found && (JSON.parse(found.value ?? '{}') as { data: { firstContact: object } });
    });
    const specialist = await waitFor('the specialist step on Kafka', async () => {
      const found = (await readTopic(kafka, Topics.utilityProgress))
        .filter((m) => m.key === no)
        .map((m) => JSON.parse(m.value ?? '{}') as { data: { step: string; actor?: string } })
        .find((e) => e.data.step === 'specialist_assigned');
      return found;
    });

    expect(accepted.data.firstContact).toEqual({ staffId: 'SG-YJ-900', name: '演示 供电营业厅' });
    expect(specialist.data.actor).toBe('SG-YJ-901');
  });
});
