import { randomUUID } from 'node:crypto';

import { DeadLetterHeaders, deadLetterTopicOf, EventHeaders, Topics } from '@joint/contracts';

import { readSamples } from '../support/shared';
import { startStack, Stack } from '../support/stack';
import { readTopic, testKafka } from '../support/topic-reader';
import { waitFor } from '../support/wait-for';

jest.setTimeout(240_000);

describe('a bad message on applications.accepted', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack('dlq', 3200);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('goes to applications.accepted.dlq with its reason, and the next good one is handled', async () => {
    const applicationNo = `YJ-DLQ-${Date.now()}`;
    const malformed = `{"type":"ApplicationAccepted","version":1,"eventId":"${randomUUID()}"`;
    const form = readSamples('applications.json').find((s) => s.name.includes('power-increase'));
    const good = {
      eventId: randomUUID(),
      type: 'ApplicationAccepted',
      version: 1,
      occurredAt: new Date().toISOString(),
      applicationNo,
      producer: 'intake',
      correlationId: `dlq-test-${applicationNo}`,
      data: {
        form: form?.form,
        firstContact: { staffId: 'SG-YJ-203', name: '刘洋' },
        acceptedAt: new Date().toISOString(),
        services: ['power'],
      },
    };

    const producer = testKafka().producer();
    await producer.connect();
    // Same key, so the good message sits right behind the bad one in one partition.
    await producer.send({
      topic: Topics.applicationsAccepted,
      messages: [
        { key: applicationNo, value: malformed, headers: { [EventHeaders.eventType]: 'x' } },
        { key: applicationNo, value: JSON.stringify(good) },
      ],
    });
    await producer.disconnect();

    const powerCase = await waitFor('the good message to open a power case', async () => {
      const res = await fetch(`${stack.url('power')}/api/cases/${applicationNo}`, {
        headers: await stack.as('power.staff'),
      });
      return res.status === 200 ? ((await res.json()) as { currentStep: string }) : undefined;
    });
    expect(powerCase.currentStep).toBe('received');

    const groups = ['power', 'water', 'gas', 'permits'].map((g) => `${stack.groupPrefix}${g}`);
    const letters = await waitFor('a dead letter from every consuming group', async () => {
      const all = await readTopic(testKafka(), deadLetterTopicOf(Topics.applicationsAccepted));
      const ours = all.filter((m) => m.key === applicationNo);
      const seen = new Set(ours.map((m) => m.headers[DeadLetterHeaders.consumerGroup]));
      return groups.every((g) => seen.has(g)) ? ours : undefined;
    });
    for (const letter of letters) {
      expect(letter.value).toBe(malformed);
      expect(letter.headers[EventHeaders.eventType]).toBe('x');
      expect(letter.headers[DeadLetterHeaders.reason]).toMatch(/not JSON/);
      expect(letter.headers[DeadLetterHeaders.originalTopic]).toBe(Topics.applicationsAccepted);
      expect(letter.headers[DeadLetterHeaders.originalPartition]).toMatch(/^\d+$/);
      expect(letter.headers[DeadLetterHeaders.originalOffset]).toMatch(/^\d+$/);
    }
  });
});
