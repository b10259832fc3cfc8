import { FeeItem } from '@joint/contracts';

import type { UtilityRequest } from '../case/utility-case.entity';
import { FeeDefinition, ProfileRule, ProfileSettings, UtilitySettings } from './utility-settings';

/**
 * The settings of a case's profile. A profile no longer in the file (renamed, or `default`
 * on a case opened before profiles) reads as the default profile.
 */
export function profileSettingsOf(settings: UtilitySettings, profile: string): ProfileSettings {
  return settings.profiles[profile] ?? settings.profiles[settings.defaultProfile];
}

/** The profile whose rule first matches the utility's section of the form, else the default. */
export function chooseProfile(settings: UtilitySettings, request: UtilityRequest): string {
  const matched = settings.rules.find((rule) => matches(rule, request));
  return matched?.profile ?? settings.defaultProfile;
}

function matches(rule: ProfileRule, request: UtilityRequest): boolean {
  const value: unknown = (request as unknown as Record<string, unknown>)[rule.field];
  if (rule.below !== undefined) return typeof value === 'number' && value < rule.below;
  if (rule.above !== undefined) return typeof value === 'number' && value > rule.above;
  return value === rule.equals;
}

/** The fee items of `profile` with what they come to for this request. */
export function feesFor(
  settings: UtilitySettings,
  profile: string,
  request: UtilityRequest,
): FeeItem[] {
  return settings.profiles[profile].fees.map((code) => {
    const fee = settings.fees[code];
    return { code, name: fee.name, amountYuan: amountOf(fee, request), standard: fee.standard };
  });
}

function amountOf(fee: FeeDefinition, request: UtilityRequest): number {
  const fields = request as unknown as Record<string, unknown>;
  if (fee.perUnit) {
    const units = Number(fields[fee.perUnit.field] ?? 0);
    return Math.round(units * fee.perUnit.yuanPerUnit * 100) / 100;
  }
  if (fee.byValue) return fee.byValue.amounts[String(fields[fee.byValue.field])] ?? 0;
  return fee.amountYuan ?? 0;
}
