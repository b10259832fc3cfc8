import type { CaseStep, ServiceStep } from '@joint/contracts';

import type { ExternalWorksRule } from '../settings/utility-settings';
import {
  CaseState,
  illegalStepReason,
  legalNextSteps,
  pendingStepAfter,
  StepSource,
  surveyFindingReason,
} from './case-transitions';

function state(overrides: Partial<CaseState>): CaseState {
  return {
    status: 'in_progress',
    currentStep: 'received',
    pendingStep: 'specialist_assigned',
    externalWorks: null,
    rule: 'survey_decides',
    ...overrides,
  };
}

/** A case that has just taken `current` on its usual path. */
function after(current: CaseStep, rule: ExternalWorksRule, works: boolean | null): CaseState {
  return state({
    currentStep: current,
    pendingStep: pendingStepAfter(current, rule, works),
    externalWorks: works,
    rule,
  });
}

describe('case transitions', () => {
  describe('legal steps', () => {
    it.each<[CaseStep, ExternalWorksRule, boolean | null, ServiceStep, StepSource]>([
      ['received', 'survey_decides', null, 'specialist_assigned', 'staff'],
      ['specialist_assigned', 'survey_decides', null, 'survey_done', 'staff'],
      ['specialist_assigned', 'always', null, 'survey_done', 'staff'],
      ['specialist_assigned', 'none_unless_survey_finds', null, 'construction_done', 'staff'],
      ['specialist_assigned', 'none_unless_survey_finds', null, 'survey_done', 'staff'],
      ['survey_done', 'survey_decides', true, 'plan_confirmed', 'staff'],
      ['survey_done', 'survey_decides', false, 'construction_done', 'staff'],
      ['survey_done', 'none_unless_survey_finds', true, 'plan_confirmed', 'staff'],
      ['plan_confirmed', 'survey_decides', true, 'permits_requested', 'staff'],
      ['permits_requested', 'survey_decides', true, 'permits_granted', 'permit_office'],
      ['permits_granted', 'survey_decides', true, 'construction_done', 'staff'],
      ['construction_done', 'survey_decides', true, 'inspection_passed', 'staff'],
      ['construction_done', 'none_unless_survey_finds', null, 'inspection_passed', 'staff'],
      ['inspection_passed', 'survey_decides', false, 'connected', 'staff'],
      ['survey_done', 'survey_decides', true, 'returned', 'staff'],
      ['permits_requested', 'survey_decides', true, 'returned', 'permit_office'],
      ['plan_confirmed', 'survey_decides', true, 'withdrawn', 'intake'],
    ])('after %s (%s, works %s): %s by %s', (current, rule, works, step, source) => {
      expect(illegalStepReason(after(current, rule, works), step, source)).toBeNull();
    });

    it('resumes a returned case, and only that', () => {
      const returned = state({ status: 'returned', currentStep: 'survey_done' });

      expect(illegalStepReason(returned, 'resumed', 'staff')).toBeNull();
      expect(illegalStepReason(returned, 'withdrawn', 'intake')).toBeNull();
      expect(illegalStepReason(after('survey_done', 'always', true), 'resumed', 'staff')).toMatch(
        /only a returned case/,
      );
    });

    it('requests permits again after a rejection, instead of waiting for the grant', () => {
      const again = state({
        currentStep: 'permits_requested',
        pendingStep: 'permits_requested',
        externalWorks: true,
      });

      expect(legalNextSteps(again)).toEqual(['permits_requested']);
      expect(illegalStepReason(again, 'permits_requested', 'staff')).toBeNull();
    });
  });

  describe('illegal steps', () => {
    it.each<[string, CaseState, ServiceStep, StepSource, RegExp]>([
      [
        'connected before inspection_passed',
        after('construction_done', 'survey_decides', false),
        'connected',
        'staff',
        /connected cannot follow construction_done: the next step is inspection_passed/,
      ],
      [
        'permits_granted by staff',
        after('permits_requested', 'survey_decides', true),
        'permits_granted',
        'staff',
        /permit office/,
      ],
      [
        'a step after withdrawal',
        state({ status: 'withdrawn', currentStep: 'survey_done', pendingStep: null }),
        'plan_confirmed',
        'staff',
        /withdrawn/,
      ],
      [
        'a second withdrawal',
        state({ status: 'withdrawn', pendingStep: null }),
        'withdrawn',
        'intake',
        /withdrawn/,
      ],
      [
        'a step after connection',
        state({ status: 'connected', currentStep: 'connected', pendingStep: null }),
        'returned',
        'staff',
        /connected/,
      ],
      [
        'a step while returned',
        state({ status: 'returned', currentStep: 'survey_done', pendingStep: 'plan_confirmed' }),
        'plan_confirmed',
        'staff',
        /resume it before plan_confirmed/,
      ],
      ['a second return', state({ status: 'returned' }), 'returned', 'staff', /already returned/],
      ['received again', after('received', 'always', null), 'received', 'staff', /once/],
      ['a withdrawal by staff', after('received', 'always', null), 'withdrawn', 'staff', /intake/],
      ['an overdue by staff', after('received', 'always', null), 'overdue', 'staff', /watch/],
      [
        'construction straight after the specialist where the survey decides',
        after('specialist_assigned', 'survey_decides', null),
        'construction_done',
        'staff',
        /the next step is survey_done/,
      ],
      [
        'permits without external works',
        after('survey_done', 'survey_decides', false),
        'plan_confirmed',
        'staff',
        /the next step is construction_done/,
      ],
      [
        'skipping the plan',
        after('survey_done', 'always', true),
        'permits_requested',
        'staff',
        /the next step is plan_confirmed/,
      ],
      [
        'a survey before the specialist',
        after('received', 'survey_decides', null),
        'survey_done',
        'staff',
        /the next step is specialist_assigned/,
      ],
    ])('refuses %s', (_what, from, step, source, reason) => {
      expect(illegalStepReason(from, step, source)).toMatch(reason);
    });

    it('refuses a survey finding no works where the profile always has them', () => {
      expect(surveyFindingReason('always', false)).toMatch(/always has external works/);
      expect(surveyFindingReason('always', true)).toBeNull();
      expect(surveyFindingReason('survey_decides', false)).toBeNull();
    });
  });

  describe('pendingStepAfter', () => {
    it.each<[CaseStep, ExternalWorksRule, boolean | null, CaseStep | null]>([
      ['received', 'always', null, 'specialist_assigned'],
      ['specialist_assigned', 'none_unless_survey_finds', null, 'construction_done'],
      ['specialist_assigned', 'survey_decides', null, 'survey_done'],
      ['survey_done', 'survey_decides', false, 'construction_done'],
      ['survey_done', 'survey_decides', true, 'plan_confirmed'],
      ['permits_requested', 'always', true, 'permits_granted'],
      ['connected', 'always', true, null],
    ])('after %s (%s, works %s) waits for %s', (step, rule, works, pending) => {
      expect(pendingStepAfter(step, rule, works)).toBe(pending);
    });
  });
});
