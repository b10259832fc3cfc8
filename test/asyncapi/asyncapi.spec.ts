import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

import {
  ALL_TOPICS,
  deadLetterTopicOf,
  eventTypeOf,
  Topic,
  Topics,
  UTILITIES,
  validateEvent,
} from '@joint/contracts';

import { EVENT_CLASSES } from '../../tools/asyncapi/event-routes';
import { readSamples, REPO_ROOT, SHARED_DIR } from '../support/shared';

interface AsyncApiDocument {
  channels: Record<string, { address: string }>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

type Plain = Record<string, unknown>;

const committed = readFileSync(join(REPO_ROOT, 'docs', 'asyncapi.yaml'), 'utf8');

/** What `npm run asyncapi` would write now: run as a process, since Prettier loads as ESM. */
function generated(): string {
  const script = join(REPO_ROOT, 'tools', 'asyncapi', 'generate-asyncapi.ts');
  const hooks = ['-r', 'reflect-metadata', '-r', '@swc-node/register'];
  return execFileSync(process.execPath, [...hooks, script, '--stdout'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
}
const doc = parse(committed) as AsyncApiDocument;

/** The topic names in the first column of CONTRACT.md's Kafka topic table. */
function contractTopics(): string[] {
  const contract = readFileSync(join(SHARED_DIR, 'CONTRACT.md'), 'utf8');
  const table = contract.slice(contract.indexOf('| topic | producer |'));
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
  return rows.map((row) => row.split('|')[1].trim().replace(/`/g, ''));
}

function schemaValidator(topic: Topic) {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  ajv.addKeyword('x-personal-data');
  ajv.addKeyword('components');
  ajv.addSchema({ $id: 'asyncapi', components: doc.components });
  const validate = ajv.getSchema(`asyncapi#/components/schemas/${EVENT_CLASSES[topic].name}`);
  if (!validate) throw new Error(`no schema for ${topic}`);
  return (event: unknown) => validate(event) as boolean;
}

function envelope(topic: Topic, producer: string, data: Plain): Plain {
  return {
    eventId: '3f1c2b9e-8d7a-4c65-9b1e-2a4d6f8e0c13',
    type: eventTypeOf(topic),
    version: 1,
    occurredAt: '2026-12-03T08:15:00.000Z',
    applicationNo: 'YJ-2026-000123',
    producer,
    correlationId: 'corr-asyncapi-spec',
    data,
  };
}

/** Every sample form, accepted: the event intake publishes for it. */
function acceptedSamples(): Plain[] {
  return readSamples('applications.json').map(({ form }) =>
    envelope(Topics.applicationsAccepted, 'intake', {
      form,
      firstContact: form.firstContact ?? { staffId: 'YJ-GH-017', name: '王芳' },
      acceptedAt: '2026-12-03T08:15:00.000Z',
      services: UTILITIES.filter((utility) => form[utility] !== undefined),
    }),
  );
}

/** Events with every optional property filled, so taking any one away is tried. */
const FULL_EVENTS: [Topic, Plain][] = [
  [
    Topics.applicationsWithdrawn,
    envelope(Topics.applicationsWithdrawn, 'intake', {
      withdrawnAt: '2026-12-04T09:00:00.000Z',
      reason: '企业项目调整',
    }),
  ],
  [
    Topics.utilityProgress,
    envelope(Topics.utilityProgress, 'power', {
      utility: 'power',
      step: 'survey_done',
      at: '2026-12-05T10:00:00.000Z',
      dueBy: '2026-12-10T10:00:00.000Z',
      pendingStep: 'plan_confirmed',
      note: '现场勘查完成',
      actor: 'SG-YJ-203',
      specialist: { name: '刘洋', phone: '13700000003' },
      externalWorks: {
        required: true,
        route: '纬三路 东段',
        lengthM: 120,
        crossesRoad: true,
        greenLand: false,
        trees: false,
      },
      contractNo: 'GD-2026-0042',
      permits: ['road_excavation'],
      reasons: ['补充产权证明'],
      profile: 'high_voltage',
      fees: [{ code: 'F1', name: '高可靠性供电费', amountYuan: 0, standard: '皖价商〔2017〕' }],
    }),
  ],
  [
    Topics.permitsProgress,
    envelope(Topics.permitsProgress, 'permits', {
      permitId: 'P-2026-0007',
      permitType: 'road_excavation',
      status: 'joint_works_scheduled',
      at: '2026-12-06T10:00:00.000Z',
      utilities: ['power', 'water'],
      department: 'urban_management',
      dueBy: '2026-12-12T10:00:00.000Z',
      officer: 'CG-011',
      conditions: '夜间施工',
      reason: '无',
      jointWorks: {
        road: '纬三路',
        windowStart: '2026-12-14',
        windowEnd: '2026-12-18',
        utilities: ['power', 'water'],
      },
      note: '联合开挖',
    }),
  ],
];

/** Each property of `value`, at any depth, as the path to it. */
function propertyPaths(value: unknown, parent: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...parent, key];
    return Array.isArray(value)
      ? propertyPaths(child, path)
      : [path, ...propertyPaths(child, path)];
  });
}

function without(event: Plain, path: string[]): Plain {
  const copy = structuredClone(event);
  const parent = path.slice(0, -1).reduce<Plain>((node, key) => node[key] as Plain, copy);
  delete parent[path[path.length - 1]];
  return copy;
}

/** Paths whose removal the schema and the class judge differently; none is the goal. */
function disagreements(topic: Topic, event: Plain): string[] {
  const schemaAccepts = schemaValidator(topic);
  return propertyPaths(event)
    .map((path) => ({ path: path.join('.'), event: without(event, path) }))
    .filter(({ event: cut }) => schemaAccepts(cut) !== validateEvent(topic, JSON.stringify(cut)).ok)
    .map(({ path }) => path);
}

describe('docs/asyncapi.yaml', () => {
  it('is what the generator makes from libs/contracts now (`npm run asyncapi`)', () => {
    expect(committed).toEqual(generated());
  });

  it('passes the official AsyncAPI parser without an error', async () => {
    const { document, diagnostics } = await new Parser().parse(committed);

    // The parser's diagnostics carry spectral's copy of the same severity enum.
    const error = DiagnosticSeverity.Error as number;
    const errors = diagnostics.filter((d) => (d.severity as number) === error);
    expect(errors.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document?.channels().length).toBe(ALL_TOPICS.length * 2);
  });

  it('has a channel for every topic of CONTRACT.md and of Topics, and its dead letters', () => {
    const listed = contractTopics();
    const topics = listed.filter((topic) => topic !== '<topic>.dlq');
    const addresses = Object.values(doc.channels).map((channel) => channel.address);

    expect(listed).toContain('<topic>.dlq');
    expect(topics.sort()).toEqual([...ALL_TOPICS].sort());
    const expected = topics.flatMap((topic) => [topic, deadLetterTopicOf(topic as Topic)]);
    expect(addresses.sort()).toEqual(expected.sort());
  });

  it('marks the personal fields', () => {
    const { EnterpriseDetails, Specialist } = doc.components.schemas;
    const marked = (schema: Plain, name: string) =>
      (schema.properties as Record<string, Plain>)[name]['x-personal-data'];

    expect(marked(EnterpriseDetails, 'contactName')).toBe(true);
    expect(marked(EnterpriseDetails, 'contactPhone')).toBe(true);
    expect(marked(Specialist, 'phone')).toBe(true);
    expect(marked(EnterpriseDetails, 'name')).toBeUndefined();
  });

  describe('each event schema', () => {
    const accepted = acceptedSamples();

    it.each(accepted.map((event, i) => [i, event]))(
      'accepts sample form %i as an ApplicationAccepted, as validateEvent does',
      (_, event) => {
        expect(validateEvent(Topics.applicationsAccepted, JSON.stringify(event))).toMatchObject({
          ok: true,
        });
        expect(schemaValidator(Topics.applicationsAccepted)(event)).toBe(true);
      },
    );

    it('requires exactly what the ApplicationAccepted class requires, on every sample', () => {
      const found = accepted.flatMap((event) => disagreements(Topics.applicationsAccepted, event));

      expect(found).toEqual([]);
    });

    it.each(FULL_EVENTS)('requires exactly what the class of %s requires', (topic, event) => {
      expect(validateEvent(topic, JSON.stringify(event))).toMatchObject({ ok: true });
      expect(schemaValidator(topic)(event)).toBe(true);

      expect(disagreements(topic, event)).toEqual([]);
    });

    it('rejects what the class rejects: a bad phone, a wrong type, an unknown version', () => {
      const [event] = accepted;
      const badPhone = structuredClone(event);
      ((badPhone.data as Plain).form as { enterprise: Plain }).enterprise.contactPhone = '12345';
      const cases = [badPhone, { ...event, type: 'ServiceProgressed' }, { ...event, version: 2 }];

      for (const bad of cases) {
        expect(schemaValidator(Topics.applicationsAccepted)(bad)).toBe(false);
        expect(validateEvent(Topics.applicationsAccepted, JSON.stringify(bad)).ok).toBe(false);
      }
    });
  });
});
