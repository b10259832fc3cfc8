import { CASE_EVENTS, CaseEvent, CaseStep, ServiceStep } from '@joint/contracts';

import type { CaseStatus } from '../case/utility-case.entity';
import type { ExternalWorksRule, ProfileSettings, TimedStep } from '../settings/utility-settings';

/** What a transition depends on: where the case is and what the survey said. */
export interface CaseState {
  status: CaseStatus;
  /** The last step of the process taken. */
  currentStep: CaseStep;
  /** The step the case waits for, whose time limit runs; null once connected or withdrawn. */
  pendingStep: CaseStep | null;
  /** Whether the survey found external works; null before a survey. */
  externalWorks: boolean | null;
  rule: ExternalWorksRule;
}

/** Who asks for the step: staff over HTTP, or an event from the permit office or intake. */
export type StepSource = 'staff' | 'permit_office' | 'intake';

/** One path a profile's cases can take from `received` to `connected`. */
export interface CasePath {
  steps: CaseStep[];
  externalWorks: boolean;
}

const WITH_WORKS: CaseStep[] = [
  'received',
  'specialist_assigned',
  'survey_done',
  'plan_confirmed',
  'permits_requested',
  'permits_granted',
  'construction_done',
  'inspection_passed',
  'connected',
];
const SURVEY_WITHOUT_WORKS: CaseStep[] = [
  'received',
  'specialist_assigned',
  'survey_done',
  'construction_done',
  'inspection_passed',
  'connected',
];
const WITHOUT_SURVEY: CaseStep[] = [
  'received',
  'specialist_assigned',
  'construction_done',
  'inspection_passed',
  'connected',
];

/** The paths a rule allows, for checking that a profile's limits cover every step. */
export function pathsOf(rule: ExternalWorksRule): CasePath[] {
  const withWorks = { steps: WITH_WORKS, externalWorks: true };
  const surveyWithout = { steps: SURVEY_WITHOUT_WORKS, externalWorks: false };
  switch (rule) {
    case 'always':
      return [withWorks];
    case 'survey_decides':
      return [surveyWithout, withWorks];
    case 'none_unless_survey_finds':
      return [{ steps: WITHOUT_SURVEY, externalWorks: false }, surveyWithout, withWorks];
  }
}

/** The steps that may follow `step`, the usual one first. */
export function successorsOf(
  step: CaseStep,
  rule: ExternalWorksRule,
  externalWorks: boolean | null,
): CaseStep[] {
  switch (step) {
    case 'received':
      return ['specialist_assigned'];
    case 'specialist_assigned':
      return rule === 'none_unless_survey_finds'
        ? ['construction_done', 'survey_done']
        : ['survey_done'];
    case 'survey_done':
      return externalWorks ? ['plan_confirmed'] : ['construction_done'];
    case 'plan_confirmed':
      return ['permits_requested'];
    case 'permits_requested':
      return ['permits_granted'];
    case 'permits_granted':
      return ['construction_done'];
    case 'construction_done':
      return ['inspection_passed'];
    case 'inspection_passed':
      return ['connected'];
    case 'connected':
      return [];
  }
}

/** The step a case waits for after `step`: its time limit starts running. */
export function pendingStepAfter(
  step: CaseStep,
  rule: ExternalWorksRule,
  externalWorks: boolean | null,
): CaseStep | null {
  return successorsOf(step, rule, externalWorks)[0] ?? null;
}

/**
 * The process steps a case may take next. A pending step off the usual order is a step to
 * take again (a new round of permit requests after one was rejected), and the only one.
 */
export function legalNextSteps(state: CaseState): CaseStep[] {
  if (state.status === 'withdrawn' || state.status === 'connected') return [];

  const usual = successorsOf(state.currentStep, state.rule, state.externalWorks);
  if (state.pendingStep && !usual.includes(state.pendingStep)) return [state.pendingStep];
  return usual;
}

/** Why `step` cannot happen to the case now, or null when it can. */
export function illegalStepReason(
  state: CaseState,
  step: ServiceStep,
  source: StepSource,
): string | null {
  if (state.status === 'withdrawn') return 'the case is withdrawn: it takes no more steps';
  if (state.status === 'connected') return 'the case is connected: it takes no more steps';

  if (!isCaseEvent(step)) return forwardStepReason(state, step, source);
  switch (step) {
    case 'withdrawn':
      return source === 'intake' ? null : 'a withdrawal comes from the application, via intake';
    case 'overdue_warning':
    case 'overdue':
      return `${step} is published by the overdue watch, not taken`;
    case 'returned':
      return state.status === 'returned' ? 'the case is already returned' : null;
    case 'resumed':
      return state.status === 'returned' ? null : 'only a returned case can be resumed';
  }
}

export function isCaseEvent(step: ServiceStep): step is CaseEvent {
  return (CASE_EVENTS as readonly string[]).includes(step);
}

function forwardStepReason(state: CaseState, step: CaseStep, source: StepSource): string | null {
  if (step === 'received') return 'received is taken once, when the case opens';
  if (state.status === 'returned') {
    return `the case is returned and waits for the enterprise's correction: resume it before ${step}`;
  }
  if (step === 'permits_granted' && source !== 'permit_office') {
    return 'permits_granted is taken when the permit office has granted every permit asked for';
  }

  const legal = legalNextSteps(state);
  if (legal.includes(step)) return null;
  return `${step} cannot follow ${state.currentStep}: the next step is ${legal.join(' or ')}`;
}

/** Why a survey's finding does not fit the profile's rule, or null when it does. */
export function surveyFindingReason(rule: ExternalWorksRule, required: boolean): string | null {
  if (rule === 'always' && !required) {
    return 'this profile always has external works: the survey must describe them (required=true)';
  }
  return null;
}

/**
 * The time limit, in working days, of reaching `step` on a case of `profile`. A case whose
 * survey found external works (or whose profile always has them) takes the works' limits.
 */
export function limitOf(
  profile: ProfileSettings,
  step: TimedStep,
  externalWorks: boolean | null,
): number | undefined {
  const works = externalWorks ?? profile.externalWorks === 'always';
  return (works ? profile.externalWorksLimits[step] : undefined) ?? profile.limits[step];
}

/**
 * Each step of `path` after `received` with its limit, looked up as a case would when the
 * step becomes pending: before the survey's own finding is known.
 */
export function limitsAlong(
  profile: ProfileSettings,
  path: CasePath,
): Array<{ step: TimedStep; days: number | undefined }> {
  let externalWorks: boolean | null = null;
  return (path.steps.slice(1) as TimedStep[]).map((step) => {
    const days = limitOf(profile, step, externalWorks);
    if (step === 'survey_done') externalWorks = path.externalWorks;
    return { step, days };
  });
}

/** The steps of `profile` that would have no time limit on one of its paths. */
export function stepsWithoutLimit(profile: ProfileSettings): TimedStep[] {
  const missing = pathsOf(profile.externalWorks).flatMap((path) =>
    limitsAlong(profile, path).filter(({ days }) => days === undefined),
  );
  return [...new Set(missing.map(({ step }) => step))];
}

/** The committed working days from `received` to `connected` along `path`. */
export function totalWorkingDays(profile: ProfileSettings, path: CasePath): number {
  return limitsAlong(profile, path).reduce((sum, { days }) => sum + (days ?? 0), 0);
}
