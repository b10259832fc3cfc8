import { Histogram, register } from 'prom-client';

import type { ServiceStep, Utility } from '@joint/contracts';

import { isCaseEvent } from '../workflow/case-transitions';

const NAME = 'joint_case_step_duration_seconds';
const HOUR = 3600;
const DAY = 24 * HOUR;

/** Steps take hours to weeks under the utilities' committed limits (working days). */
export const CASE_STEP_DURATION_BUCKETS = [
  HOUR,
  4 * HOUR,
  DAY,
  2 * DAY,
  3 * DAY,
  5 * DAY,
  10 * DAY,
  20 * DAY,
];

type StepLabels = 'utility' | 'step' | 'profile';

/** Registered once per process in prom-client's default registry, when the workflow loads. */
const stepDurations =
  (register.getSingleMetric(NAME) as Histogram<StepLabels> | undefined) ??
  new Histogram<StepLabels>({
    name: NAME,
    help: 'Time a utility case took to reach a step, from the previous step or its clock start',
    labelNames: ['utility', 'step', 'profile'],
    buckets: CASE_STEP_DURATION_BUCKETS,
  });

export interface TakenStep {
  utility: Utility;
  profile: string;
  step: ServiceStep;
  /** When the step's clock started: the previous step, or the resumption after a return. */
  since: Date;
  at: Date;
}

/** Counts a forward step; returns, warnings and the like are not steps of the work. */
export function observeStepDuration({ utility, profile, step, since, at }: TakenStep): void {
  if (isCaseEvent(step)) return;

  const seconds = Math.max(0, (at.getTime() - since.getTime()) / 1000);
  stepDurations.observe({ utility, step, profile }, seconds);
}
