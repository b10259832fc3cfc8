import { CASE_STEPS, FieldError, Utility } from '@joint/contracts';

import { stepsWithoutLimit } from '../workflow/case-transitions';
import { fieldKindOf } from './section-fields';
import {
  EXTERNAL_WORKS_RULES,
  FeeDefinition,
  ProfileRule,
  ProfileSettings,
  StepLimits,
  TimedStep,
  UtilitySettings,
} from './utility-settings';

/** A committed time limit beyond this is surely a typo, not a promise. */
const MAX_LIMIT_WORKING_DAYS = 250;
const TIMED_STEPS = CASE_STEPS.filter((s) => s !== 'received') as TimedStep[];

type Raw = Record<string, unknown>;

/**
 * Checks a utility's settings as read from its file and lists every bad entry by its path
 * (`profiles.low_voltage.limits.survey_done`). Keys starting with `_` are comments (sources,
 * explanations); any other unknown key is an error, so a typo cannot silently drop a setting.
 */
export function validateUtilitySettings(
  raw: Raw,
  utility: Utility,
): { settings: UtilitySettings; errors: FieldError[] } {
  const check = new Checker();
  check.keys(raw, '', ['utility', 'profiles', 'defaultProfile', 'rules', 'fees']);
  if (raw.utility !== utility) {
    check.fail('utility', `utility must be ${utility} in ${utility}'s settings`);
  }

  const fees = check.record(raw.fees, 'fees', (fee, path) => feeOf(check, fee, path, utility));
  const profiles = check.record(raw.profiles, 'profiles', (profile, path) =>
    profileOf(check, profile, path, fees),
  );
  const defaultProfile = String(raw.defaultProfile);
  if (!Object.hasOwn(profiles, defaultProfile)) {
    check.fail('defaultProfile', `defaultProfile must name one of the profiles`);
  }
  const rules = check
    .list(raw.rules, 'rules', (rule, path) =>
      isObject(rule) ? ruleOf(check, rule, path, utility, profiles) : check.notObject(path),
    )
    .filter((rule) => rule !== null);

  const settings = { utility, profiles, defaultProfile, rules, fees };
  return { settings, errors: check.errors };
}

function profileOf(
  check: Checker,
  raw: Raw,
  path: string,
  fees: Record<string, FeeDefinition>,
): ProfileSettings {
  check.keys(raw, path, ['description', 'externalWorks', 'limits', 'externalWorksLimits', 'fees']);
  check.text(raw.description, `${path}.description`);
  if (!EXTERNAL_WORKS_RULES.includes(raw.externalWorks as never)) {
    check.fail(`${path}.externalWorks`, `must be one of ${EXTERNAL_WORKS_RULES.join(', ')}`);
  }
  const profile: ProfileSettings = {
    description: String(raw.description),
    externalWorks: raw.externalWorks as ProfileSettings['externalWorks'],
    limits: limitsOf(check, raw.limits, `${path}.limits`),
    externalWorksLimits: limitsOf(
      check,
      raw.externalWorksLimits ?? {},
      `${path}.externalWorksLimits`,
    ),
    fees: check.list(raw.fees, `${path}.fees`, (code, at) => feeCodeOf(check, code, at, fees)),
  };

  if (EXTERNAL_WORKS_RULES.includes(profile.externalWorks)) {
    for (const step of stepsWithoutLimit(profile)) {
      check.fail(`${path}.limits.${step}`, `${step} can be taken in this profile but has no limit`);
    }
  }
  return profile;
}

function limitsOf(check: Checker, raw: unknown, path: string): StepLimits {
  if (!isObject(raw)) {
    check.fail(path, 'must be an object of step: working days');
    return {};
  }
  const limits: StepLimits = {};
  for (const [step, days] of Object.entries(raw)) {
    if (step.startsWith('_')) continue;
    if (!TIMED_STEPS.includes(step as TimedStep)) {
      check.fail(`${path}.${step}`, `is not a step with a time limit (${TIMED_STEPS.join(', ')})`);
    } else if (!Number.isInteger(days) || (days as number) < 0) {
      check.fail(`${path}.${step}`, 'must be a whole number of working days, 0 or more');
    } else if ((days as number) > MAX_LIMIT_WORKING_DAYS) {
      check.fail(`${path}.${step}`, `must not be more than ${MAX_LIMIT_WORKING_DAYS} working days`);
    } else {
      limits[step as TimedStep] = days as number;
    }
  }
  return limits;
}

function feeCodeOf(
  check: Checker,
  code: unknown,
  path: string,
  fees: Record<string, FeeDefinition>,
): string {
  if (typeof code !== 'string' || !Object.hasOwn(fees, code)) {
    check.fail(path, `${String(code)} is not a fee item of this utility's fee catalogue`);
  }
  return String(code);
}

function feeOf(check: Checker, raw: Raw, path: string, utility: Utility): FeeDefinition {
  check.keys(raw, path, ['name', 'standard', 'source', 'amountYuan', 'perUnit', 'byValue']);
  for (const key of ['name', 'standard', 'source'] as const) check.text(raw[key], `${path}.${key}`);

  const forms = ['amountYuan', 'perUnit', 'byValue'].filter((key) => raw[key] !== undefined);
  if (forms.length !== 1) {
    check.fail(path, 'must give its amount in exactly one of amountYuan, perUnit, byValue');
  }
  if (raw.amountYuan !== undefined) check.amount(raw.amountYuan, `${path}.amountYuan`);
  if (raw.perUnit !== undefined) perUnitOf(check, raw.perUnit, `${path}.perUnit`, utility);
  if (raw.byValue !== undefined) byValueOf(check, raw.byValue, `${path}.byValue`, utility);
  return raw as unknown as FeeDefinition;
}

function perUnitOf(check: Checker, raw: unknown, path: string, utility: Utility): void {
  if (!isObject(raw)) return check.fail(path, 'must be { field, yuanPerUnit }');
  check.keys(raw, path, ['field', 'yuanPerUnit']);
  check.field(raw.field, `${path}.field`, utility, ['number']);
  check.amount(raw.yuanPerUnit, `${path}.yuanPerUnit`);
}

function byValueOf(check: Checker, raw: unknown, path: string, utility: Utility): void {
  if (!isObject(raw) || !isObject(raw.amounts)) {
    return check.fail(path, 'must be { field, amounts: { value: yuan } }');
  }
  check.keys(raw, path, ['field', 'amounts']);
  check.field(raw.field, `${path}.field`, utility, ['number', 'string', 'boolean']);
  for (const [value, yuan] of Object.entries(raw.amounts)) {
    if (!value.startsWith('_')) check.amount(yuan, `${path}.amounts.${value}`);
  }
}

function ruleOf(
  check: Checker,
  raw: Raw,
  path: string,
  utility: Utility,
  profiles: Record<string, ProfileSettings>,
): ProfileRule {
  check.keys(raw, path, ['field', 'below', 'above', 'equals', 'profile']);
  if (typeof raw.profile !== 'string' || !Object.hasOwn(profiles, raw.profile)) {
    check.fail(`${path}.profile`, `${String(raw.profile)} is not one of the profiles`);
  }

  const tests = ['below', 'above', 'equals'].filter((key) => raw[key] !== undefined);
  if (tests.length !== 1) {
    check.fail(path, 'must have exactly one of below, above, equals');
  } else if (tests[0] === 'equals') {
    check.field(raw.field, `${path}.field`, utility, [typeof raw.equals]);
  } else {
    check.field(raw.field, `${path}.field`, utility, ['number']);
    if (typeof raw[tests[0]] !== 'number') check.fail(`${path}.${tests[0]}`, 'must be a number');
  }
  return raw as unknown as ProfileRule;
}

/** Collects errors by path while the walk goes on, so one run names every bad entry. */
class Checker {
  readonly errors: FieldError[] = [];

  fail(field: string, message: string): void {
    this.errors.push({ field: field || '(file)', message });
  }

  keys(raw: Raw, path: string, known: string[]): void {
    for (const key of Object.keys(raw)) {
      if (!key.startsWith('_') && !known.includes(key)) {
        this.fail(join(path, key), `is not a known setting (${known.join(', ')})`);
      }
    }
  }

  text(value: unknown, path: string): void {
    if (typeof value !== 'string' || value.trim() === '')
      this.fail(path, 'must be a non-empty text');
  }

  amount(value: unknown, path: string): void {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      this.fail(path, 'must be an amount in yuan, 0 or more');
    }
  }

  field(value: unknown, path: string, utility: Utility, kinds: string[]): void {
    const kind = typeof value === 'string' ? fieldKindOf(utility, value) : undefined;
    if (kind === undefined) {
      this.fail(path, `${String(value)} is not a field of the form's ${utility} section`);
    } else if (!kinds.includes(kind)) {
      this.fail(path, `${String(value)} is a ${kind}, not a ${kinds.join(' or ')}`);
    }
  }

  record<T>(raw: unknown, path: string, each: (value: Raw, path: string) => T): Record<string, T> {
    if (!isObject(raw)) {
      this.fail(path, 'must be an object');
      return {};
    }
    const result: Record<string, T> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key.startsWith('_')) continue;
      if (!isObject(value)) this.fail(`${path}.${key}`, 'must be an object');
      else result[key] = each(value, `${path}.${key}`);
    }
    return result;
  }

  notObject(path: string): null {
    this.fail(path, 'must be an object');
    return null;
  }

  list<T>(raw: unknown, path: string, each: (value: unknown, path: string) => T): T[] {
    if (!Array.isArray(raw)) {
      this.fail(path, 'must be a list');
      return [];
    }
    return raw.map((value: unknown, index) => each(value, `${path}[${index}]`));
  }
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
