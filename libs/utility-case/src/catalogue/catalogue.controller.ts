import { Controller, Get, Inject } from '@nestjs/common';

import { Public } from '@joint/auth';
import { CASE_STEPS, CaseStep, Utility } from '@joint/contracts';

import { ProfileSettings, UtilitySettings } from '../settings/utility-settings';
import { UTILITY_SETTINGS } from '../settings/utility-settings.token';
import { pathsOf, totalWorkingDays } from '../workflow/case-transitions';

interface ProfileEntry {
  name: string;
  description: string;
  externalWorks: string;
  /** Committed time limit in working days of reaching each step from the one before it. */
  limits: Record<string, number>;
  /** The limits that differ on a case with external works. */
  externalWorksLimits: Record<string, number>;
  /** The committed working days end to end on the profile's longest path. */
  totalWorkingDays: number;
  /** The orders the steps can come in for this profile, each with its working days end to end. */
  paths: Array<{ externalWorks: boolean; steps: CaseStep[]; totalWorkingDays: number }>;
  fees: string[];
}

export interface Catalogue {
  utility: Utility;
  steps: readonly CaseStep[];
  profiles: ProfileEntry[];
  /** How a case's profile is chosen from the form: the first rule that matches, else the default. */
  rules: UtilitySettings['rules'];
  defaultProfile: string;
  fees: Array<{ code: string } & UtilitySettings['fees'][string]>;
}

/**
 * `GET /api/catalogue`: what the notice says must be published (公开办理流程、承诺时限、收费项目
 * 和标准): the steps, their committed time limits per profile, and the fee items.
 */
@Controller('api/catalogue')
@Public()
export class CatalogueController {
  private readonly catalogue: Catalogue;

  constructor(@Inject(UTILITY_SETTINGS) settings: UtilitySettings) {
    this.catalogue = catalogueOf(settings);
  }

  @Get()
  get(): Catalogue {
    return this.catalogue;
  }
}

export function catalogueOf(settings: UtilitySettings): Catalogue {
  return {
    utility: settings.utility,
    steps: CASE_STEPS,
    profiles: Object.entries(settings.profiles).map(([name, profile]) =>
      profileEntry(name, profile),
    ),
    rules: settings.rules.map(({ field, below, above, equals, profile }) => ({
      field,
      ...(below !== undefined && { below }),
      ...(above !== undefined && { above }),
      ...(equals !== undefined && { equals }),
      profile,
    })),
    defaultProfile: settings.defaultProfile,
    fees: Object.entries(settings.fees).map(([code, fee]) => feeEntry(code, fee)),
  };
}

function profileEntry(name: string, profile: ProfileSettings): ProfileEntry {
  const paths = pathsOf(profile.externalWorks).map((path) => ({
    ...path,
    totalWorkingDays: totalWorkingDays(profile, path),
  }));
  return {
    name,
    description: profile.description,
    externalWorks: profile.externalWorks,
    limits: { ...profile.limits },
    externalWorksLimits: { ...profile.externalWorksLimits },
    totalWorkingDays: Math.max(...paths.map((path) => path.totalWorkingDays)),
    paths,
    fees: profile.fees,
  };
}

function feeEntry(code: string, fee: UtilitySettings['fees'][string]): Catalogue['fees'][number] {
  const { name, standard, source, amountYuan, perUnit, byValue } = fee;
  return {
    code,
    name,
    standard,
    source,
    ...(amountYuan !== undefined && { amountYuan }),
    ...(perUnit && { perUnit }),
    ...(byValue && {
      byValue: { field: byValue.field, amounts: withoutComments(byValue.amounts) },
    }),
  };
}

function withoutComments(amounts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(amounts).filter(([key]) => !key.startsWith('_')));
}
