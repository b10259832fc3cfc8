import { randomUUID } from 'node:crypto';

import { DeadLetterHeaders, deadLetterTopicOf, Topic, Topics, Utility } from '@joint/contracts';

import { getJson, postJson } from '../support/http';
import { readSamples, SampleForm } from '../support/shared';
import { startStack, Stack } from '../support/stack';
import { ReadMessage, readTopic, testKafka } from '../support/topic-reader';
import { waitFor } from '../support/wait-for';

jest.setTimeout(300_000);

/** Every topic a service consumes, and the groups (without the test's prefix) that consume it. */
const CONSUMERS: Record<Topic, string[]> = {
  [Topics.applicationsAccepted]: ['power', 'water', 'gas', 'permits'],
  [Topics.applicationsWithdrawn]: ['power', 'water', 'gas', 'permits'],
  [Topics.utilityProgress]: ['intake-progress', 'permits'],
  [Topics.permitsProgress]: ['intake-progress', 'power', 'water', 'gas'],
};

const TYPES: Record<Topic, string> = {
  [Topics.applicationsAccepted]: 'ApplicationAccepted',
  [Topics.applicationsWithdrawn]: 'ApplicationWithdrawn',
  [Topics.utilityProgress]: 'ServiceProgressed',
  [Topics.permitsProgress]: 'PermitProgressed',
};

interface Poison {
  kind: string;
  value: string;
  reason: RegExp;
}

/** Three ways a message can be unusable: not JSON, a version nobody knows, a field missing. */
function poisonsFor(topic: Topic, applicationNo: string): Poison[] {
  const envelope = {
    eventId: randomUUID(),
    type: TYPES[topic],
    version: 1,
    occurredAt: new Date().toISOString(),
    applicationNo,
    producer: 'e2e',
    correlationId: `poison-${applicationNo}`,
    data: {},
  };
  const { occurredAt: _dropped, ...withoutTime } = envelope;
  return [
    { kind: 'not JSON', value: `{"type":"${TYPES[topic]}",`, reason: /not JSON/ },
    {
      kind: 'unknown version',
      value: JSON.stringify({ ...envelope, eventId: randomUUID(), version: 99 }),
      reason: /version/,
    },
    {
      kind: 'missing field',
      value: JSON.stringify({ ...withoutTime, eventId: randomUUID() }),
      reason: /occurredAt/,
    },
  ];
}

interface Progress {
  status: string;
  services: Record<string, { status: string; steps: { step: string }[] }>;
  permits: { type: string; status: string }[];
}

describe('poison messages on every consumed topic', () => {
  const form = readSamples('applications.json').find(
    (s) => s.form.channel.endsWith('_hall') && s.form.power !== undefined,
  ) as SampleForm;
  const utilities = (['power', 'water', 'gas'] as Utility[]).filter((u) => form.form[u]);
  let stack: Stack;
  let applicationNo: string;

  beforeAll(async () => {
    stack = await startStack('poison', 3600);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const caseUrl = (utility: Utility) => `${stack.url(utility)}/api/cases/${applicationNo}`;

  async function progress(): Promise<Progress> {
    const url = `${stack.url('intake')}/api/applications/${applicationNo}/progress`;
    const res = await getJson<Progress>(url, {
      'x-contact-phone': form.form.enterprise.contactPhone,
    });
    return res.body;
  }

  async function step(body: Record<string, unknown>): Promise<void> {
    const res = await postJson(`${caseUrl('power')}/steps`, body, await stack.as('power.staff'));
    expect({ step: body.step, status: res.status }).toEqual({ step: body.step, status: 200 });
  }

  async function poisonEveryTopic(): Promise<Map<Topic, Poison[]>> {
    const producer = testKafka().producer();
    await producer.connect();
    const sent = new Map<Topic, Poison[]>();
    for (const topic of Object.keys(CONSUMERS) as Topic[]) {
      const poisons = poisonsFor(topic, applicationNo);
      // Keyed by the application, so they sit in its partition ahead of what comes next.
      const messages = poisons.map((p) => ({ key: applicationNo, value: p.value }));
      await producer.send({ topic, acks: -1, messages });
      sent.set(topic, poisons);
    }
    await producer.disconnect();
    return sent;
  }

  it('puts each in its .dlq with the reason, and still handles the messages after it', async () => {
    const clerk = await stack.as('clerk');
    const created = await postJson(`${stack.url('intake')}/api/applications`, form.form, clerk);
    expect(created.status).toBe(201);
    applicationNo = created.body.applicationNo as string;
    await waitFor('received from every utility asked', async () => {
      const view = await progress();
      return utilities.every((u) => view.services[u]?.steps.some((s) => s.step === 'received'))
        ? true
        : undefined;
    });

    const sent = await poisonEveryTopic();

    // What follows the poison in each partition: progress of power, a permit, a withdrawal.
    const specialist = { name: '服务专员 测试', phone: '0564-6000001' };
    const powerStaff = await stack.as('power.staff');
    const named = await postJson(`${caseUrl('power')}/specialist`, specialist, powerStaff);
    expect(named.status).toBe(200);
    await step({
      step: 'survey_done',
      externalWorks: { required: true, route: '纬三路', lengthM: 80, crossesRoad: true },
    });
    await step({ step: 'plan_confirmed', contractNo: 'HT-POISON-1' });
    await step({ step: 'permits_requested', permits: ['road_excavation'] });
    await waitFor('the permit request in the progress view', async () => {
      const view = await progress();
      return view.permits.some((p) => p.type === 'road_excavation') ? true : undefined;
    });
    const withdrawal = `${stack.url('intake')}/api/applications/${applicationNo}/withdrawal`;
    const withdrawn = await postJson(
      withdrawal,
      { reason: 'e2e: poison test done' },
      { 'x-contact-phone': form.form.enterprise.contactPhone },
    );
    expect(withdrawn.status).toBe(200);
    for (const utility of utilities) {
      await waitFor(`${utility} case withdrawn`, async () => {
        const res = await getJson<{ status: string }>(
          caseUrl(utility),
          await stack.as(`${utility}.staff`),
        );
        return res.body.status === 'withdrawn' ? true : undefined;
      });
    }

    for (const [topic, poisons] of sent) {
      const letters = await lettersFrom(topic, CONSUMERS[topic].length * poisons.length);
      const got = letters.map((l) => ({
        group: (l.headers[DeadLetterHeaders.consumerGroup] ?? '').slice(stack.groupPrefix.length),
        value: l.value,
        originalTopic: l.headers[DeadLetterHeaders.originalTopic],
      }));
      const expected = CONSUMERS[topic].flatMap((group) =>
        poisons.map((p) => ({ group, value: p.value, originalTopic: topic })),
      );

      expect(sortLetters(got)).toEqual(sortLetters(expected));
      for (const { kind, value, reason } of poisons) {
        const unexplained = letters
          .map((l) => l.headers[DeadLetterHeaders.reason] ?? '')
          .filter((why, i) => letters[i].value === value && !reason.test(why));
        expect({ topic, kind, unexplained }).toEqual({ topic, kind, unexplained: [] });
      }
    }
  });

  async function lettersFrom(topic: Topic, count: number): Promise<ReadMessage[]> {
    return waitFor(`${count} dead letters on ${deadLetterTopicOf(topic)}`, async () => {
      const all = await readTopic(testKafka(), deadLetterTopicOf(topic));
      const ours = all.filter(
        (m) =>
          m.key === applicationNo &&
          (m.headers[DeadLetterHeaders.consumerGroup] ?? '').startsWith(stack.groupPrefix),
      );
      return ours.length >= count ? ours : undefined;
    });
  }
});

function sortLetters<T extends { group: string; value: string | null }>(letters: T[]): T[] {
  const keyOf = (l: T) => `${l.group}\u0000${l.value ?? ''}`;
  return [...letters].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}
