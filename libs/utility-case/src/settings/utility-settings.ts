import type { CaseStep, Utility } from '@joint/contracts';

/**
 * How a profile's cases come by external works (外部工程):
 * - `always`: every case has them (water with dual supply); the survey only describes them;
 * - `survey_decides`: the survey, which every case gets, says whether there are any;
 * - `none_unless_survey_finds`: a case goes straight to construction after the specialist is
 *   named, unless the specialist posts a survey that finds external works.
 */
export const EXTERNAL_WORKS_RULES = [
  'always',
  'survey_decides',
  'none_unless_survey_finds',
] as const;
export type ExternalWorksRule = (typeof EXTERNAL_WORKS_RULES)[number];

/** Every step but `received` has a committed time limit: from the step before it. */
export type TimedStep = Exclude<CaseStep, 'received'>;

/** Committed time limits (承诺时限) in working days, per step. */
export type StepLimits = Partial<Record<TimedStep, number>>;

/** A kind of connection with its own time limits and fee items. */
export interface ProfileSettings {
  description: string;
  externalWorks: ExternalWorksRule;
  /** The limits of every step; on a case with external works `externalWorksLimits` wins. */
  limits: StepLimits;
  /** The limits that differ once the case has external works (the survey found them). */
  externalWorksLimits: StepLimits;
  /** Codes of the fee items that apply, from the utility's fee catalogue. */
  fees: string[];
}

/**
 * Chooses a profile from the utility's section of the form. Exactly one of `below`, `above`
 * and `equals`; the first rule that matches wins.
 */
export interface ProfileRule {
  field: string;
  below?: number;
  above?: number;
  equals?: string | number | boolean;
  profile: string;
}

/** A fee item (收费项目) and its published standard; its amount in one of three forms. */
export interface FeeDefinition {
  name: string;
  standard: string;
  /** The policy or price notice the amount comes from. */
  source: string;
  amountYuan?: number;
  /** So much per unit of a number on the form (yuan per kVA of backup capacity). */
  perUnit?: { field: string; yuanPerUnit: number };
  /** A table keyed by a value on the form (meter size DN); a value not listed costs nothing. */
  byValue?: { field: string; amounts: Record<string, number> };
}

/**
 * What differs between power, water and gas. Each utility keeps its own in
 * `apps/<utility>/config/<utility>.json`, checked at start by `loadUtilitySettings`.
 */
export interface UtilitySettings {
  utility: Utility;
  profiles: Record<string, ProfileSettings>;
  defaultProfile: string;
  rules: ProfileRule[];
  fees: Record<string, FeeDefinition>;
}
