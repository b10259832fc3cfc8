import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import { NestExpressApplication } from '@nestjs/platform-express';
import fc from 'fast-check';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

import {
  CHANNELS,
  FORM_MAXIMA,
  GAS_USAGES,
  isHallChannel,
  METER_SIZES_DN,
  PHONE_PATTERN,
  POWER_TYPES,
  PREMISES_OWNERSHIP,
  WATER_TYPES,
} from '@joint/contracts';
import { TestTokens } from '@joint/auth/testing';
import { bootstrapService } from '@joint/platform';

import { readIntakeConfig } from '../../apps/intake/src/config/intake-config';
import { IntakeModule } from '../../apps/intake/src/intake.module';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Each property's runs; the time limit below keeps a slow machine from hanging the suite. */
const RUNS = 300;
const TIME_LIMIT_MS = 120_000;

jest.setTimeout(2 * TIME_LIMIT_MS + 120_000);

type Json = Record<string, unknown>;

interface Counts {
  applications: number;
  outbox: number;
}

// ---- what a valid form is made of ----

/** Single code points the form must take as they are: astral CJK, emoji, quotes, markup. */
const oddUnit = fc.constantFrom(
  ...['𠀀', '𪚥', '🏭', '叶', '集', '\u202e', '\u200b', '\ufeff', '\u0301', '\n'],
  ...["'", '"', '\\', '<', '>', '&', ';', '-', '%', '$', '{', '}'],
);
/** Any code point PostgreSQL can store: everything but NUL and half surrogates. */
const storableUnit = fc
  .integer({ min: 1, max: 0x10ffff })
  .filter((cp) => cp < 0xd800 || cp > 0xdfff)
  .map((cp) => String.fromCodePoint(cp));
const textUnit = fc.oneof(storableUnit, oddUnit);

const HOSTILE_TEXT = [
  "'; DROP TABLE application; --",
  '<script>alert(1)</script>',
  '𠀀𪚥🏭𠀀𪚥🏭𠀀𪚥🏭𠀀',
  '"},{"$ne":null}',
  '../../etc/passwd',
];

/** Text the form takes: any storable characters, as long as they are not all white space. */
function text(maxLength: number): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .string({ unit: textUnit, minLength: 1, maxLength })
        .filter((t) => /\S/u.test(t)),
    },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  );
}

const positive = (max: number) => fc.double({ min: 0.001, max, noNaN: true });
const startDate = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const firstContact = fc.record({ staffId: text(64), name: text(64) });
const enterprise = fc.record({
  name: text(200),
  premisesOwnership: fc.constantFrom(...PREMISES_OWNERSHIP),
  contactName: text(64),
  contactPhone: fc.stringMatching(PHONE_PATTERN),
  address: text(200),
});
const sections = fc
  .record(
    {
      power: fc.record({
        type: fc.constantFrom(...POWER_TYPES),
        mainCapacityKva: positive(FORM_MAXIMA.capacityKva),
        backupCapacityKva: fc.oneof(fc.constant(0), positive(FORM_MAXIMA.capacityKva)),
      }),
      water: fc.record({
        type: fc.constantFrom(...WATER_TYPES),
        meterSizeDn: fc.constantFrom(...METER_SIZES_DN),
        dualSupply: fc.boolean(),
      }),
      gas: fc.record({
        usage: fc.constantFrom(...GAS_USAGES),
        flowM3PerHour: positive(FORM_MAXIMA.flowM3PerHour),
        supplyPressureKpa: positive(FORM_MAXIMA.supplyPressureKpa),
        expectedStartDate: startDate,
      }),
    },
    { requiredKeys: [] },
  )
  .filter((s) => Object.keys(s).length > 0);

/** A form that keeps every rule: a hall needs its first-contact officer, online may skip it. */
const validForm: fc.Arbitrary<Json> = fc
  .record({
    channel: fc.constantFrom(...CHANNELS),
    window: text(200),
    firstContact: fc.option(firstContact, { nil: undefined }),
    enterprise,
    sections,
  })
  .map(({ sections: chosen, ...form }) => ({ ...form, ...chosen }))
  .filter((form) => !isHallChannel(form.channel) || form.firstContact !== undefined)
  .map((form) => JSON.parse(JSON.stringify(form)) as Json);

// ---- how a form goes wrong ----

type Path = string[];

function pathsOf(value: Json, prefix: Path = []): Path[] {
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, key];
    const isObject = typeof child === 'object' && child !== null && !Array.isArray(child);
    return isObject ? [path, ...pathsOf(child as Json, path)] : [path];
  });
}

function leafPathsOf(value: Json): Path[] {
  const all = pathsOf(value);
  return all.filter((p) => !all.some((q) => q.length > p.length && p.every((k, i) => q[i] === k)));
}

function objectPathsOf(value: Json): Path[] {
  const leaves = leafPathsOf(value).map((p) => p.join('.'));
  return [[], ...pathsOf(value).filter((p) => !leaves.includes(p.join('.')))];
}

function parentOf(form: Json, path: Path): Json {
  return path.slice(0, -1).reduce((node, key) => node[key] as Json, form);
}

function setAt(form: Json, paths: Path[], pick: number, value: unknown): Json {
  const path = paths[pick % paths.length];
  parentOf(form, path)[path[path.length - 1]] = value;
  return form;
}

function deleteAt(form: Json, paths: Path[], pick: number): Json {
  const path = paths[pick % paths.length];
  delete parentOf(form, path)[path[path.length - 1]];
  return form;
}

function nestedValue(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { deeper: value } : [value];
  return value;
}

const TEXT_PATHS: Path[] = [
  ['window'],
  ['enterprise', 'name'],
  ['enterprise', 'address'],
  ['enterprise', 'contactName'],
];

const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);
const hugeText = fc
  .tuple(fc.integer({ min: 201, max: 120_000 }), fc.constantFrom('x', '𠀀', '🏭'))
  .map(([n, unit]) => unit.repeat(n));
const unstorableText = fc
  .tuple(fc.string(), fc.constantFrom('\0', '\ud800', '\udfff', '\udc00\ud800'), fc.string())
  .map((parts) => parts.join(''));

type Mutation = { kind: string; apply: (form: Json) => unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), wrongValue).map(([pick, value]) => ({
    kind: 'wrong type',
    apply: (form: Json) => setAt(form, leafPathsOf(form), pick, value),
  })),
  fc.nat().map((pick) => ({
    kind: 'missing field',
    apply: (form: Json) => deleteAt(form, pathsOf(form), pick),
  })),
  fc
    .tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 20 }), wrongValue)
    .map(([pick, key, value]) => ({
      kind: 'unknown field',
      apply: (form: Json) => {
        const path = objectPathsOf(form)[pick % objectPathsOf(form).length];
        const node = path.reduce((n, k) => n[k] as Json, form);
        node[`x-${key}`] = value;
        return form;
      },
    })),
  fc.tuple(fc.nat(), hugeText).map(([pick, value]) => ({
    kind: 'huge string',
    apply: (form: Json) => setAt(form, TEXT_PATHS, pick, value),
  })),
  fc.tuple(fc.nat(), unstorableText).map(([pick, value]) => ({
    kind: 'unstorable text',
    apply: (form: Json) => setAt(form, TEXT_PATHS, pick, value),
  })),
  fc.tuple(fc.nat(), fc.integer({ min: 2, max: 40 })).map(([pick, depth]) => ({
    kind: 'nesting',
    apply: (form: Json) => setAt(form, pathsOf(form), pick, nestedValue(depth)),
  })),
  fc.oneof(fc.array(fc.anything()), fc.string(), fc.integer(), fc.constant(null)).map((body) => ({
    kind: 'not an object',
    apply: () => body,
  })),
);

const mutatedForm = fc
  .tuple(validForm, mutation)
  .map(([form, { kind, apply }]) => ({ kind, body: JSON.stringify(apply(form)) ?? 'null' }));

/**
 * Text sent as a JSON body, whatever it holds; most is not JSON at all. (JSON with its first
 * character cut, not `String(value)`: an object with its own `toString` key cannot be printed.)
 */
const rawBody = fc.oneof(
  fc.string(),
  fc.json({ depthSize: 'medium' }),
  fc.jsonValue().map((value) => JSON.stringify(value).slice(1)),
);

// ---- the test ----

/** The form's limit on a window's name (libs/contracts, the form's text fields). */
const WINDOW_MAX = 200;

describe('intake over HTTP, fed generated forms', () => {
  const run = randomUUID().replace(/-/g, '').slice(0, 10);
  const tokens = new TestTokens();
  const env = {
    ...tokens.env,
    DATABASE_URL,
    DATABASE_PREFIX: `jt_${run}_`,
    KAFKA_BROKERS: requiredBrokers(),
    KAFKA_GROUP_PREFIX: `test-${run}-`,
    PORT: '0',
    LOG_LEVEL: 'error',
    APPLICATION_NO_PREFIX: 'PBT',
  };
  const config = readIntakeConfig(env);
  let app: NestExpressApplication;
  let dataSource: DataSource;
  let baseUrl: string;

  beforeAll(async () => {
    app = await bootstrapService(config, IntakeModule.register(config));
    dataSource = app.get(DataSource);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await dropDatabase(config.databaseName);
  });

  /**
   * Signed by a clerk of the form's own window, as at a hall. A window too long for any form
   * is refused before anyone's windows are looked at; it would only make a token too big for
   * an HTTP header (431), so the clerk gets none.
   */
  function clerkFor(body: string): Record<string, string> {
    let window = 'no window';
    try {
      const given = (JSON.parse(body) as { window?: unknown }).window;
      if (typeof given === 'string' && given.length > 0 && given.length <= WINDOW_MAX) {
        window = given;
      }
    } catch {
      // Not JSON: the clerk's window does not matter, the body is refused first.
    }
    return tokens.headers('window_clerk', [window]);
  }

  async function submit(body: string) {
    const res = await fetch(`${baseUrl}/api/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...clerkFor(body) },
      body,
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    return { status: res.status, body: (await res.json()) as Json };
  }

  async function counts(): Promise<Counts> {
    const [row] = await dataSource.query<{ applications: string; outbox: string }[]>(
      `SELECT (SELECT count(*) FROM application) AS applications,
              (SELECT count(*) FROM outbox) AS outbox`,
    );
    return { applications: Number(row.applications), outbox: Number(row.outbox) };
  }

  async function rowsOf(applicationNo: string) {
    const [row] = await dataSource.query<{ applications: string; outbox: string }[]>(
      `SELECT (SELECT count(*) FROM application WHERE application_no = $1) AS applications,
              (SELECT count(*) FROM outbox WHERE message_key = $1) AS outbox`,
      [applicationNo],
    );
    return { applications: Number(row.applications), outbox: Number(row.outbox) };
  }

  async function progressOf(applicationNo: string, contactPhone: string) {
    const url = `${baseUrl}/api/applications/${applicationNo}/progress`;
    const res = await fetch(url, { headers: { 'x-contact-phone': contactPhone } });
    expect(res.status).toBe(200);
    return (await res.json()) as { enterprise: { name: string } };
  }

  /**
   * The invariants of one call: no 5xx; a 201 stores one of everything; a refusal stores
   * nothing.
   */
  async function checkOneCall(body: string): Promise<number> {
    const before = await counts();
    const answer = await submit(body);
    const after = await counts();

    expect([201, 400, 413]).toContain(answer.status);
    if (answer.status !== 201) {
      expect(after).toEqual(before);
      expect(answer.body.errors).toEqual(
        expect.arrayContaining([{ field: expect.any(String), message: expect.any(String) }]),
      );
      return answer.status;
    }
    const sent = JSON.parse(body) as Json;
    const owed = isHallChannel(sent.channel) ? 1 : 0;
    const applicationNo = answer.body.applicationNo as string;
    expect(after).toEqual({
      applications: before.applications + 1,
      outbox: before.outbox + owed,
    });
    expect(await rowsOf(applicationNo)).toEqual({ applications: 1, outbox: owed });

    const { name, contactPhone } = sent.enterprise as { name: string; contactPhone: string };
    expect((await progressOf(applicationNo, contactPhone)).enterprise.name).toBe(name);
    return answer.status;
  }

  it('accepts every valid form once, and shows its enterprise name back exactly', async () => {
    await fc.assert(
      fc.asyncProperty(validForm, async (form) => {
        expect(await checkOneCall(JSON.stringify(form))).toBe(201);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  });

  it('never answers a mutated form with a 5xx, and stores nothing when it refuses', async () => {
    const seen = new Map<string, Set<number>>();
    await fc.assert(
      fc.asyncProperty(mutatedForm, async ({ kind, body }) => {
        const status = await checkOneCall(body);
        seen.set(kind, (seen.get(kind) ?? new Set()).add(status));
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );

    // Refusals the mutations must produce every time they are tried.
    for (const kind of ['unknown field', 'unstorable text', 'not an object']) {
      expect([...(seen.get(kind) ?? [])]).toEqual([400]);
    }
  });

  it('never answers raw text sent as JSON with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, async (body) => {
        expect(await checkOneCall(body)).toBe(400);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  });

  it('stores astral, SQL- and script-like names literally, ten astral ones fitting', async () => {
    for (const name of ['𠀀'.repeat(10), '𪚥🏭'.repeat(5), ...HOSTILE_TEXT]) {
      const form = {
        channel: 'government_hall',
        window: name,
        firstContact: { staffId: 'YJ-GH-017', name: '王芳' },
        enterprise: {
          name,
          premisesOwnership: 'leased',
          contactName: name,
          contactPhone: '13800000001',
          address: name,
        },
        power: { type: 'new', mainCapacityKva: 630, backupCapacityKva: 200 },
      };
      expect(await checkOneCall(JSON.stringify(form))).toBe(201);
    }
  });
});

function requiredBrokers(): string {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run under tools/kafka/with-kafka.sh');
  return brokers;
}

async function dropDatabase(name: string): Promise<void> {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
