import { Topics, UTILITIES, Utility } from '@joint/contracts';

import { readSamples, SampleForm } from '../support/shared';
import { postJson as post } from '../support/http';
import { queryServiceDb, startStack, Stack } from '../support/stack';
import { readTopic, testKafka } from '../support/topic-reader';
import { waitFor } from '../support/wait-for';

jest.setTimeout(240_000);

const OFFICER = { staffId: 'YJ-OL-001', name: '线上客服 测试' };

interface Submitted {
  sample: SampleForm;
  applicationNo: string;
  services: Utility[];
}

function askedFor(sample: SampleForm): Utility[] {
  return UTILITIES.filter((u) => sample.form[u] !== undefined);
}

describe('the main job: form → Kafka → power, water, gas, permits → progress view', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack('main', 3100);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function submit(sample: SampleForm): Promise<Submitted> {
    const clerk = await stack.as('clerk');
    const created = await post(`${stack.url('intake')}/api/applications`, sample.form, clerk);
    expect(created.status).toBe(201);
    const applicationNo = created.body.applicationNo as string;
    expect(applicationNo).toMatch(new RegExp(`^${stack.applicationNoPrefix}-\\d{8}-\\d{6}$`));

    const online = sample.form.channel === 'online_portal' || sample.form.channel === 'utility_app';
    expect(created.body.status).toBe(online ? 'submitted' : 'accepted');
    if (online) {
      const url = `${stack.url('intake')}/api/applications/${applicationNo}/acceptance`;
      const accepted = await post(url, { firstContact: OFFICER }, clerk);
      expect(accepted).toMatchObject({ status: 200, body: { status: 'accepted' } });
    }
    return { sample, applicationNo, services: created.body.services as Utility[] };
  }

  async function progressOf(item: Submitted) {
    const url = `${stack.url('intake')}/api/applications/${item.applicationNo}/progress`;
    const res = await fetch(url, {
      headers: { 'x-contact-phone': item.sample.form.enterprise.contactPhone },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as {
      status: string;
      services: Record<string, { steps: { step: string; dueBy?: string }[] }>;
    };
  }

  it('shows received for exactly the utilities each sample form asked for', async () => {
    const submitted: Submitted[] = [];
    for (const sample of readSamples('applications.json')) submitted.push(await submit(sample));

    for (const item of submitted) {
      expect(item.services).toEqual(askedFor(item.sample));
      const view = await waitFor(`${item.sample.name} received by all it asked for`, async () => {
        const progress = await progressOf(item);
        const done = item.services.every((u) =>
          progress.services[u]?.steps.some((s) => s.step === 'received'),
        );
        return done ? progress : undefined;
      });

      expect(Object.keys(view.services).sort()).toEqual([...item.services].sort());
      for (const utility of item.services) {
        const received = view.services[utility].steps.filter((s) => s.step === 'received');
        expect(received).toHaveLength(1);
        expect(Date.parse(received[0].dueBy ?? '')).toBeGreaterThan(Date.now());
      }
      expect(view.status).toBe('in_progress');
    }

    const numbers = submitted.map((item) => item.applicationNo);
    for (const utility of UTILITIES) {
      const cases = await queryServiceDb<{ application_no: string }>(
        stack,
        utility,
        'SELECT application_no FROM utility_case WHERE application_no = ANY($1)',
        [numbers],
      );
      const expected = submitted.filter((i) => i.services.includes(utility));
      expect(cases.map((c) => c.application_no).sort()).toEqual(
        expected.map((i) => i.applicationNo).sort(),
      );
    }
  });

  it('lets the permit office keep the site and the utilities of every accepted form', async () => {
    const sample = readSamples('applications.json')[0];
    const item = await submit(sample);

    const kept = await waitFor('the permit office to keep the application', async () => {
      const rows = await queryServiceDb<{ site_address: string; utilities: string[] }>(
        stack,
        'permits',
        'SELECT site_address, utilities FROM permit_application WHERE application_no = $1',
        [item.applicationNo],
      );
      return rows[0];
    });
    expect(kept).toEqual({
      site_address: (sample.form.enterprise as unknown as { address: string }).address,
      utilities: askedFor(sample),
    });
  });

  it('refuses each invalid sample, naming every bad field, and publishes nothing for it', async () => {
    const invalid = readSamples('invalid-applications.json');

    for (const sample of invalid) {
      const clerk = await stack.as('clerk');
      const res = await post(`${stack.url('intake')}/api/applications`, sample.form, clerk);

      expect(res.status).toBe(400);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
      expect(fields).toEqual([...(sample.badFields ?? [])].sort());
    }

    const published = await readTopic(testKafka(), Topics.applicationsAccepted);
    const phones = invalid.map((s) => s.form.enterprise.contactPhone);
    const leaked = published.filter((m) => phones.some((p) => m.value?.includes(p)));
    expect(leaked).toEqual([]);
  });

  it('does not show a view to a wrong phone, the same as to an unknown number', async () => {
    const sample = readSamples('applications.json')[0];
    const { applicationNo } = await submit(sample);
    const url = (no: string) => `${stack.url('intake')}/api/applications/${no}/progress`;

    const wrongPhone = await fetch(url(applicationNo), {
      headers: { 'x-contact-phone': '13999999999' },
    });
    const unknown = await fetch(url(`${stack.applicationNoPrefix}-19990101-000001`), {
      headers: { 'x-contact-phone': sample.form.enterprise.contactPhone },
    });

    expect(wrongPhone.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await wrongPhone.json()).toEqual(await unknown.json());
  });

  it('answers a retried submission with the same Idempotency-Key with the first answer', async () => {
    const sample = readSamples('applications.json')[2];
    const headers = { ...(await stack.as('clerk')), 'idempotency-key': `retry-${Date.now()}` };
    const url = `${stack.url('intake')}/api/applications`;

    const first = await post(url, sample.form, headers);
    const second = await post(url, sample.form, headers);

    expect(first.status).toBe(201);
    expect(second).toEqual(first);
  });
});
