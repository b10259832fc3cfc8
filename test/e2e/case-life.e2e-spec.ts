import { readFileSync } from 'node:fs';

import { CASE_STEPS, Topics, Utility } from '@joint/contracts';

import { getJson, postJson } from '../support/http';
import { readSamples, SampleForm, sampleNamed } from '../support/shared';
import { SERVICES, startStack, Stack } from '../support/stack';
import { DemoUser } from '../support/staff';
import { readTopic, testKafka } from '../support/topic-reader';
import { waitFor } from '../support/wait-for';

jest.setTimeout(300_000);

interface CaseView {
  status: string;
  currentStep: string;
  profile?: string;
}

interface PermitItem {
  id: string;
  applicationNo: string;
  type: string;
  status: string;
  department: string;
  utilities: Utility[];
}

interface Progress {
  status: string;
  services: Record<
    string,
    { status: string; returnReasons?: string[]; steps: { step: string; dueBy?: string }[] }
  >;
  permits: { type: string; status: string; reason?: string; conditions?: string }[];
  jointWorks: { utilities: Utility[]; road: string; windowStart: string; windowEnd: string }[];
}

const SPECIALIST = { name: '服务专员 测试', phone: '0564-6000001' };
const WORKS = {
  required: true,
  route: '纬三路',
  lengthM: 120,
  crossesRoad: true,
  greenLand: false,
  trees: false,
};
const OFFICER = { staffId: 'YJ-OL-001', name: '线上客服 测试' };

/** Who decides a permit: the demo officer of its department. */
const OFFICER_OF: Record<string, DemoUser> = {
  natural_resources_planning: 'officer.planning',
  urban_management: 'officer.urban',
  housing_construction: 'officer.housing',
  forestry_landscaping: 'officer.forestry',
};

const staffOf = (utility: Utility): DemoUser => `${utility}.staff`;

describe('every step of a case, across the real stack', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack('life', 3300);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function apply(form: SampleForm): Promise<string> {
    const clerk = await stack.as('clerk');
    const created = await postJson(`${stack.url('intake')}/api/applications`, form.form, clerk);
    expect(created.status).toBe(201);
    const applicationNo = created.body.applicationNo as string;
    if (created.body.status === 'submitted') {
      const url = `${stack.url('intake')}/api/applications/${applicationNo}/acceptance`;
      expect((await postJson(url, { firstContact: OFFICER }, clerk)).status).toBe(200);
    }
    return applicationNo;
  }

  const caseUrl = (utility: Utility, no: string) => `${stack.url(utility)}/api/cases/${no}`;

  async function caseOf(utility: Utility, no: string): Promise<CaseView> {
    return waitFor(`${utility} case of ${no}`, async () => {
      const res = await getJson<CaseView>(caseUrl(utility, no), await stack.as(staffOf(utility)));
      return res.status === 200 ? res.body : undefined;
    });
  }

  async function step(utility: Utility, no: string, body: Record<string, unknown>) {
    const headers = await stack.as(staffOf(utility));
    const res = await postJson(`${caseUrl(utility, no)}/steps`, { actor: 'e2e', ...body }, headers);
    expect({ utility, step: body.step, status: res.status, body: res.body }).toMatchObject({
      status: 200,
    });
  }

  async function assignSpecialist(utility: Utility, no: string) {
    await caseOf(utility, no);
    const headers = await stack.as(staffOf(utility));
    const res = await postJson(`${caseUrl(utility, no)}/specialist`, SPECIALIST, headers);
    expect(res.status).toBe(200);
  }

  async function progress(no: string, form: SampleForm): Promise<Progress> {
    const res = await getJson<Progress>(`${stack.url('intake')}/api/applications/${no}/progress`, {
      'x-contact-phone': form.form.enterprise.contactPhone,
    });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function permitsOf(no: string): Promise<PermitItem[]> {
    const url = `${stack.url('permits')}/api/permits?applicationNo=${no}`;
    const res = await getJson<{ items: PermitItem[] }>(url, await stack.as('supervisor'));
    expect(res.status).toBe(200);
    return res.body.items.filter((p) => p.applicationNo === no);
  }

  async function decide(permit: PermitItem, decision: Record<string, unknown>) {
    const url = `${stack.url('permits')}/api/permits/${permit.id}/decision`;
    const headers = await stack.as(OFFICER_OF[permit.department]);
    const res = await postJson(url, { officer: '审批科 测试', ...decision }, headers);
    expect(res.status).toBe(200);
  }

  async function reachStep(utility: Utility, no: string, wanted: string) {
    await waitFor(`${utility} of ${no} to reach ${wanted}`, async () => {
      const found = await caseOf(utility, no);
      return found.currentStep === wanted ? found : undefined;
    });
  }

  it('takes the all-three sample from acceptance to completed, digging the road once', async () => {
    const form = sampleNamed('wood-factory-all-three');
    const no = await apply(form);
    const utilities: Utility[] = ['power', 'water', 'gas'];

    for (const utility of utilities) {
      await assignSpecialist(utility, no);
      await step(utility, no, { step: 'survey_done', externalWorks: WORKS });
      await step(utility, no, { step: 'plan_confirmed', contractNo: `HT-${utility}-${no}` });
      const permits = utility === 'power' ? ['road_excavation', 'planning'] : ['road_excavation'];
      await step(utility, no, { step: 'permits_requested', permits });
    }

    const permits = await waitFor('one joint excavation permit for the three', async () => {
      const found = await permitsOf(no);
      const excavation = found.filter((p) => p.type === 'road_excavation');
      const joint = excavation.length === 1 && excavation[0].utilities.length === 3;
      return joint && found.length === 2 ? found : undefined;
    });
    for (const permit of permits)
      await decide(permit, { decision: 'granted', conditions: '白天施工' });

    for (const utility of utilities) await reachStep(utility, no, 'permits_granted');
    for (const utility of utilities) {
      for (const next of ['construction_done', 'inspection_passed', 'connected']) {
        await step(utility, no, { step: next });
      }
    }

    const view = await waitFor('the application to be completed', async () => {
      const seen = await progress(no, form);
      return seen.status === 'completed' ? seen : undefined;
    });
    for (const utility of utilities) {
      expect(view.services[utility].steps.map((s) => s.step)).toEqual([...CASE_STEPS]);
      expect(view.services[utility].status).toBe('connected');
    }
    expect(view.permits.map((p) => [p.type, p.status]).sort()).toEqual([
      ['planning', 'granted'],
      ['road_excavation', 'granted'],
    ]);
    expect(view.jointWorks).toHaveLength(1);
    expect([...view.jointWorks[0].utilities].sort()).toEqual(['gas', 'power', 'water']);
    // The surveyed route reaches the permit office, which names the road to be opened once.
    expect(view.jointWorks[0].road).toBe(WORKS.route);
    expect(view.jointWorks[0].windowStart <= view.jointWorks[0].windowEnd).toBe(true);
    for (const utility of utilities) {
      const steps = view.services[utility].steps.filter((s) => s.step !== 'connected');
      expect(steps.every((s) => s.dueBy !== undefined)).toBe(true);
    }
  });

  it('connects a low-voltage power-only form without survey or permits, on shorter limits', async () => {
    const form = sampleNamed('small-shop-power-lowvoltage');
    const no = await apply(form);

    await assignSpecialist('power', no);
    expect((await caseOf('power', no)).profile).toBe('low_voltage');
    for (const next of ['construction_done', 'inspection_passed', 'connected']) {
      await step('power', no, { step: next });
    }

    const view = await waitFor('the power-only application to be completed', async () => {
      const seen = await progress(no, form);
      return seen.status === 'completed' ? seen : undefined;
    });
    expect(view.services.power.steps.map((s) => s.step)).toEqual([
      'received',
      'specialist_assigned',
      'construction_done',
      'inspection_passed',
      'connected',
    ]);
    expect(view.permits).toEqual([]);
    const late = await postJson(
      `${stack.url('intake')}/api/applications/${no}/withdrawal`,
      { reason: '已接通后撤回' },
      { 'x-contact-phone': form.form.enterprise.contactPhone },
    );
    expect(late.status).toBe(409);
    expect((await progress(no, form)).status).toBe('completed');

    const catalogue = await getJson<{ profiles: { name: string; totalWorkingDays: number }[] }>(
      `${stack.url('power')}/api/catalogue`,
    );
    const total = (name: string) =>
      catalogue.body.profiles.find((p) => p.name === name)?.totalWorkingDays ?? Infinity;
    expect(total('low_voltage')).toBeLessThanOrEqual(15);
    expect(total('low_voltage')).toBeLessThan(total('high_voltage'));
  });

  it.each(['power', 'water', 'gas'] as Utility[])(
    'publishes the steps, limits and fees of %s at /api/catalogue',
    async (utility) => {
      const res = await getJson<{
        utility: string;
        steps: string[];
        profiles: { name: string; limits: Record<string, number>; totalWorkingDays: number }[];
        fees: { code: string; name: string; standard: string }[];
      }>(`${stack.url(utility)}/api/catalogue`);

      expect(res.status).toBe(200);
      expect(res.body.utility).toBe(utility);
      expect(res.body.steps).toEqual([...CASE_STEPS]);
      expect(res.body.profiles.length).toBeGreaterThanOrEqual(2);
      for (const profile of res.body.profiles) {
        expect(profile.totalWorkingDays).toBeGreaterThan(0);
      }
      expect(res.body.fees.length).toBeGreaterThan(0);
      expect(res.body.fees.every((f) => f.name && f.standard)).toBe(true);
    },
  );

  it('refuses an illegal step with 409 and publishes nothing for it', async () => {
    const form = sampleNamed('warehouse-power-increase');
    const no = await apply(form);
    await assignSpecialist('power', no);
    const before = await waitFor('specialist_assigned on utility.progress', async () => {
      const steps = await stepsOnTopic(no);
      return steps.includes('specialist_assigned') ? steps : undefined;
    });

    const headers = await stack.as('power.staff');
    const res = await postJson(`${caseUrl('power', no)}/steps`, { step: 'connected' }, headers);

    expect(res.status).toBe(409);
    expect(String(res.body.message)).toMatch(/connected/);
    expect((await caseOf('power', no)).currentStep).toBe('specialist_assigned');
    expect(await stepsOnTopic(no)).toEqual(before);
  });

  it('returns the case with the reason shown to the enterprise when a permit is rejected', async () => {
    const form = sampleNamed('textile-water-expansion');
    const no = await apply(form);
    await assignSpecialist('water', no);
    await step('water', no, { step: 'survey_done', externalWorks: WORKS });
    await step('water', no, { step: 'plan_confirmed', contractNo: `HT-water-${no}` });
    await step('water', no, { step: 'permits_requested', permits: ['road_occupation'] });

    const [permit] = await waitFor('the road occupation permit', async () => {
      const found = await permitsOf(no);
      return found.length === 1 ? found : undefined;
    });
    const reason = '该路段本月已有占道施工，请改期申请';
    await decide(permit, { decision: 'rejected', reason });

    const view = await waitFor('the water case to be returned', async () => {
      const seen = await progress(no, form);
      return seen.services.water.status === 'returned' ? seen : undefined;
    });
    expect(view.services.water.returnReasons).toEqual([expect.stringContaining(reason)]);
    expect(view.permits).toEqual([
      expect.objectContaining({ type: 'road_occupation', status: 'rejected', reason }),
    ]);
  });

  it('stops every utility case when the enterprise withdraws', async () => {
    const form = sampleNamed('hotel-all-three-online');
    const no = await apply(form);
    for (const utility of ['power', 'water', 'gas'] as Utility[]) await caseOf(utility, no);

    const res = await postJson(
      `${stack.url('intake')}/api/applications/${no}/withdrawal`,
      { reason: '项目取消' },
      { 'x-contact-phone': form.form.enterprise.contactPhone },
    );
    expect(res).toMatchObject({ status: 200, body: { status: 'withdrawn' } });

    for (const utility of ['power', 'water', 'gas'] as Utility[]) {
      await waitFor(`${utility} case withdrawn`, async () => {
        const found = await caseOf(utility, no);
        return found.status === 'withdrawn' ? found : undefined;
      });
      const headers = await stack.as(staffOf(utility));
      const late = await postJson(`${caseUrl(utility, no)}/specialist`, SPECIALIST, headers);
      expect(late.status).toBe(409);
    }
    const view = await waitFor('every utility to show withdrawn', async () => {
      const seen = await progress(no, form);
      const all = Object.values(seen.services).every((s) => s.status === 'withdrawn');
      return all ? seen : undefined;
    });
    expect(view.status).toBe('withdrawn');
  });

  // Last, so the logs hold every step of every case above.
  it('logs no phone number or contact name of a form, nor the specialist phone', () => {
    const forms = readSamples('applications.json').map((s) => s.form.enterprise);
    const secrets = [...forms.flatMap((e) => [e.contactPhone, e.contactName]), SPECIALIST.phone];

    for (const service of SERVICES) {
      const text = readFileSync(stack.logFile(service), 'utf8');
      const leaked = secrets.filter((secret) => text.includes(secret));

      expect({ service, leaked }).toEqual({ service, leaked: [] });
    }
  });
});

async function stepsOnTopic(applicationNo: string): Promise<string[]> {
  const messages = await readTopic(testKafka(), Topics.utilityProgress);
  return messages
    .filter((m) => m.key === applicationNo)
    .map((m) => (JSON.parse(m.value ?? '{}') as { data: { step: string } }).data.step);
}
