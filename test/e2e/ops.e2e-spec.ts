import { randomUUID } from 'node:crypto';

import { Topic, Topics } from '@joint/contracts';

import { TOPIC_ROUTES } from '../../tools/asyncapi/event-routes';
import { postJson } from '../support/http';
import { readSamples } from '../support/shared';
import { ServiceName, SERVICES, startStack, Stack } from '../support/stack';
import { testKafka } from '../support/topic-reader';
import { waitFor } from '../support/wait-for';

jest.setTimeout(300_000);

/** One sample line of the Prometheus text format. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

interface Exposition {
  types: Map<string, string>;
  samples: Sample[];
}

const LABEL = /([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g;

/** Reads Prometheus text (format 0.0.4): the declared types and every sample line. */
function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice('# TYPE '.length).split(' ');
      types.set(name, type);
    }
    if (line === '' || line.startsWith('#')) continue;
    samples.push(parseSample(line));
  }
  return { types, samples };
}

function parseSample(line: string): Sample {
  const open = line.indexOf('{');
  const close = line.lastIndexOf('}');
  const hasLabels = open !== -1 && open < line.indexOf(' ');
  const name = hasLabels ? line.slice(0, open) : line.slice(0, line.indexOf(' '));
  const rest = hasLabels ? line.slice(close + 1) : line.slice(name.length);
  const labels: Record<string, string> = {};
  if (hasLabels) {
    for (const [, key, value] of line.slice(open + 1, close).matchAll(LABEL)) {
      labels[key] = value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
  }
  return { name, labels, value: Number(rest.trim().split(' ')[0]) };
}

const GROUP_OF: Record<ServiceName, ConsumerGroup> = {
  intake: 'intake-progress',
  power: 'power',
  water: 'water',
  gas: 'gas',
  permits: 'permits',
};
type ConsumerGroup = 'intake-progress' | 'power' | 'water' | 'gas' | 'permits';

/** The topics a consumer group reads, as the AsyncAPI document lays them out. */
function topicsOf(group: ConsumerGroup): Topic[] {
  return (Object.keys(TOPIC_ROUTES) as Topic[]).filter((topic) =>
    TOPIC_ROUTES[topic].consumers.includes(group),
  );
}

const OFFICER = { staffId: 'YJ-OL-001', name: '线上客服 测试' };
const SPECIALIST = { name: '服务专员 测试', phone: '0564-6000001' };

describe('what the ops team sees on /metrics', () => {
  let stack: Stack;
  let partitions: Map<string, number>;

  beforeAll(async () => {
    stack = await startStack('ops', 3470);
    partitions = await partitionCounts();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function partitionCounts(): Promise<Map<string, number>> {
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: Object.values(Topics) });
      return new Map(topics.map((t) => [t.name, t.partitions.length]));
    } finally {
      await admin.disconnect();
    }
  }

  async function metricsOf(service: ServiceName): Promise<Exposition> {
    const res = await fetch(`${stack.url(service)}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return parseExposition(await res.text());
  }

  /** Waits until `service`'s metrics pass `check` (the metrics trail the events a little). */
  async function metricsWhere(
    service: ServiceName,
    what: string,
    check: (metrics: Exposition) => void,
  ): Promise<Exposition> {
    return waitFor(`${service}: ${what}`, async () => {
      const metrics = await metricsOf(service);
      check(metrics);
      return metrics;
    });
  }

  async function apply(form: Record<string, unknown>): Promise<string> {
    const clerk = await stack.as('clerk');
    const created = await postJson(`${stack.url('intake')}/api/applications`, form, clerk);
    expect(created.status).toBe(201);
    const applicationNo = created.body.applicationNo as string;
    if (created.body.status === 'submitted') {
      const url = `${stack.url('intake')}/api/applications/${applicationNo}/acceptance`;
      expect((await postJson(url, { firstContact: OFFICER }, clerk)).status).toBe(200);
    }
    return applicationNo;
  }

  async function putMalformedOnApplicationsAccepted(): Promise<void> {
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({
      topic: Topics.applicationsAccepted,
      messages: [{ key: `YJ-OPS-${Date.now()}`, value: `{"eventId":"${randomUUID()}"` }],
    });
    await producer.disconnect();
  }

  beforeAll(async () => {
    const samples = readSamples('applications.json');
    const numbers = [];
    for (const name of ['wood-factory-all-three', 'school-canteen-gas-water']) {
      const sample = samples.find((s) => s.name === name);
      if (!sample) throw new Error(`no sample ${name}`);
      numbers.push(await apply(sample.form));
    }

    const specialistUrl = `${stack.url('power')}/api/cases/${numbers[0]}/specialist`;
    await waitFor('the power case to take its specialist', async () => {
      const res = await postJson(specialistUrl, SPECIALIST, await stack.as('power.staff'));
      return res.status === 200 ? res : undefined;
    });
    await putMalformedOnApplicationsAccepted();
  });

  it.each(SERVICES)('%s shows its outbox', async (service) => {
    const { types, samples } = await metricsOf(service);

    expect(types.get('joint_outbox_backlog')).toBe('gauge');
    expect(types.get('joint_outbox_oldest_age_seconds')).toBe('gauge');
    expect(samples.filter((s) => s.name === 'joint_outbox_backlog')).toHaveLength(1);
    expect(samples.filter((s) => s.name === 'joint_outbox_oldest_age_seconds')).toHaveLength(1);
  });

  it.each(SERVICES)(
    '%s shows its consumer group: up, lag per partition, events',
    async (service) => {
      const group = `${stack.groupPrefix}${GROUP_OF[service]}`;
      const topics = topicsOf(GROUP_OF[service]);
      const ofGroup = (metrics: Exposition, name: string) =>
        metrics.samples.filter((s) => s.name === name && s.labels.group === group);

      const metrics = await metricsWhere(service, 'a lag line for each partition', (m) => {
        const lag = ofGroup(m, 'joint_consumer_lag').map(
          (s) => `${s.labels.topic}/${s.labels.partition}`,
        );
        const expected = topics.flatMap((topic) =>
          Array.from({ length: partitions.get(topic) ?? 0 }, (_, p) => `${topic}/${p}`),
        );
        expect(lag.sort()).toEqual(expected.sort());
        expect(ofGroup(m, 'joint_events_applied_total').length).toBeGreaterThan(0);
      });

      expect(metrics.types.get('joint_consumer_lag')).toBe('gauge');
      expect(ofGroup(metrics, 'joint_consumer_up').map((s) => s.value)).toEqual([1]);
      expect(metrics.types.get('joint_event_handling_seconds')).toBe('histogram');
      expect(ofGroup(metrics, 'joint_event_handling_seconds_count').length).toBeGreaterThan(0);
      for (const applied of ofGroup(metrics, 'joint_events_applied_total')) {
        expect(topics).toContain(applied.labels.topic);
        expect(applied.value).toBeGreaterThan(0);
      }
    },
  );

  it('power shows how long its case took to reach the step', async () => {
    const metrics = await metricsOf('power');

    expect(metrics.types.get('joint_case_step_duration_seconds')).toBe('histogram');
    const counts = metrics.samples.filter(
      (s) => s.name === 'joint_case_step_duration_seconds_count',
    );
    expect(counts).toContainEqual({
      name: 'joint_case_step_duration_seconds_count',
      labels: expect.objectContaining({ utility: 'power', step: 'specialist_assigned' }),
      value: 1,
    });
    expect(counts[0].labels.profile).toEqual(expect.any(String));
  });

  it.each(['power', 'water', 'gas', 'permits'] as const)(
    '%s counts the malformed message it set aside',
    async (service) => {
      const group = `${stack.groupPrefix}${GROUP_OF[service]}`;

      await metricsWhere(service, 'a dead letter counted', ({ types, samples }) => {
        expect(types.get('joint_dead_letters_total')).toBe('counter');
        const counted = samples.find(
          (s) =>
            s.name === 'joint_dead_letters_total' &&
            s.labels.group === group &&
            s.labels.topic === Topics.applicationsAccepted,
        );
        expect(counted?.value).toBeGreaterThanOrEqual(1);
      });
    },
  );
});
