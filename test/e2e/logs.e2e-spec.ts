import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { Topics, UTILITIES, Utility } from '@joint/contracts';

import { postJson } from '../support/http';
import { readSamples } from '../support/shared';
import { ServiceName, SERVICES, startStack, Stack } from '../support/stack';
import { readTopic, testKafka } from '../support/topic-reader';
import { waitFor } from '../support/wait-for';

jest.setTimeout(240_000);

type LogLine = Record<string, unknown>;

/** Every line of a service's log, the JSON ones parsed; a line that is not JSON stays text. */
function linesOf(stack: Stack, service: ServiceName): (LogLine | string)[] {
  return readFileSync(stack.logFile(service), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        return line;
      }
    });
}

describe('the logs of one application, across the services', () => {
  const sample = readSamples('applications.json').find((s) => s.form.channel.endsWith('_hall'));
  const correlationId = `e2e-corr-${randomUUID().slice(0, 8)}`;
  const headers = { 'x-correlation-id': correlationId };
  let stack: Stack;
  let applicationNo: string;
  let asked: Utility[];

  beforeAll(async () => {
    if (!sample) throw new Error('no sample form from a hall in applications.json');
    stack = await startStack('logs', 3540);

    const clerk = await stack.as('clerk');
    const url = `${stack.url('intake')}/api/applications`;
    const created = await postJson(url, sample.form, { ...headers, ...clerk });
    expect(created.status).toBe(201);
    applicationNo = created.body.applicationNo as string;
    asked = UTILITIES.filter((u) => sample.form[u] !== undefined);

    await waitFor('received from every utility asked', async () => {
      const res = await fetch(`${stack.url('intake')}/api/applications/${applicationNo}/progress`, {
        // The applicant's follow-up belongs to the same piece of work: it carries the same id.
        headers: { ...headers, 'x-contact-phone': sample.form.enterprise.contactPhone },
      });
      const view = (await res.json()) as {
        services: Record<string, { steps: { step: string }[] }>;
      };
      return asked.every((u) => view.services?.[u]?.steps.some((s) => s.step === 'received'))
        ? true
        : undefined;
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('has the correlation id in intake, every utility asked and permits', async () => {
    const expected: ServiceName[] = ['intake', ...asked, 'permits'];

    const missing = await waitFor('the correlation id in every log', () => {
      const without = expected.filter(
        (service) =>
          !linesOf(stack, service).some(
            (l) => typeof l === 'object' && l.correlationId === correlationId,
          ),
      );
      return Promise.resolve(without.length === 0 ? without : undefined);
    });

    expect(missing).toEqual([]);
  });

  it('gives every JSON line about the application that correlation id', () => {
    for (const service of SERVICES) {
      const about = linesOf(stack, service).filter((l) =>
        (typeof l === 'string' ? l : JSON.stringify(l)).includes(applicationNo),
      );
      const wrong = about.filter((l) => typeof l === 'string' || l.correlationId !== correlationId);

      expect({ service, wrong }).toEqual({ service, wrong: [] });
    }
  });

  it('carries the correlation id on every event of it, in body and header', async () => {
    const kafka = testKafka();
    const topics = [Topics.applicationsAccepted, Topics.utilityProgress, Topics.permitsProgress];
    const messages = (await Promise.all(topics.map((t) => readTopic(kafka, t))))
      .flat()
      .filter((m) => m.key === applicationNo);
    const carried = messages.map((m) => ({
      body: (JSON.parse(m.value ?? '{}') as { correlationId?: string }).correlationId,
      header: m.headers['correlation-id'],
    }));

    expect(messages.length).toBeGreaterThanOrEqual(1 + asked.length);
    expect(carried).toEqual(carried.map(() => ({ body: correlationId, header: correlationId })));
  });

  it('logs no sample phone number anywhere', () => {
    const phones = readSamples('applications.json').map((s) => s.form.enterprise.contactPhone);

    for (const service of SERVICES) {
      const text = readFileSync(stack.logFile(service), 'utf8');
      const leaked = phones.filter((phone) => text.includes(phone));

      expect({ service, leaked }).toEqual({ service, leaked: [] });
    }
  });
});
