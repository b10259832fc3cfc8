import { Histogram, register } from 'prom-client';

import { observeStepDuration } from './case-step-duration.metric';

const HOUR_MS = 3600_000;
const since = new Date('2026-12-03T08:00:00Z');

async function observed() {
  const histogram = register.getSingleMetric('joint_case_step_duration_seconds') as Histogram;
  return (await histogram.get()).values;
}

describe('observeStepDuration', () => {
  beforeEach(() => register.getSingleMetric('joint_case_step_duration_seconds')?.reset());

  it('observes the time since the clock started, by utility, step and profile', async () => {
    const at = new Date(since.getTime() + 5 * HOUR_MS);

    observeStepDuration({
      utility: 'power',
      profile: 'low_voltage',
      step: 'survey_done',
      since,
      at,
    });

    const labels = { utility: 'power', step: 'survey_done', profile: 'low_voltage' };
    const values = await observed();
    const bucket = (le: number) =>
      values.find((v) => v.metricName?.endsWith('_bucket') && v.labels.le === le)?.value;
    expect(values).toContainEqual(
      expect.objectContaining({
        metricName: 'joint_case_step_duration_seconds_sum',
        labels,
        value: 18000,
      }),
    );
    expect(bucket(4 * 3600)).toBe(0);
    expect(bucket(24 * 3600)).toBe(1);
  });

  it('leaves out returns, warnings and the like', async () => {
    observeStepDuration({
      utility: 'gas',
      profile: 'standard',
      step: 'overdue_warning',
      since,
      at: since,
    });

    expect(await observed()).toEqual([]);
  });
});
