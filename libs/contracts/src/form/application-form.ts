import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  IsPositive,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/** Where a form came in (受理窗口). */
export const CHANNELS = [
  'government_hall',
  'utility_hall',
  'shared_hall',
  'online_portal',
  'utility_app',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels with a desk: the first-contact officer accepts on the spot. */
export const HALL_CHANNELS: readonly Channel[] = ['government_hall', 'utility_hall', 'shared_hall'];

export const PREMISES_OWNERSHIP = ['owned', 'leased'] as const;
export const POWER_TYPES = ['new', 'capacity_increase', 'temporary', 'other'] as const;
export const WATER_TYPES = ['new_account', 'expansion', 'temporary', 'other'] as const;
export const GAS_USAGES = ['production', 'domestic'] as const;

/** Nominal meter sizes (DN) of the standard series. */
export const METER_SIZES_DN = [
  15, 20, 25, 32, 40, 50, 65, 80, 100, 125, 150, 200, 250, 300,
] as const;

/**
 * A mainland mobile number (11 digits from 13x to 19x) or a landline with its
 * area code (0564-1234567, 05641234567, with an optional extension).
 * Personal data.
 */
export const PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$/;

const PHONE_MESSAGE =
  'must be a mainland mobile number (11 digits) or a landline with its area code';
const TEXT_MAX = 200;

/**
 * Upper bounds far above any single site's connection, there so that a mistyped or hostile
 * figure (1e308) is refused at the window instead of overflowing a fee downstream.
 */
export const FORM_MAXIMA = {
  capacityKva: 1_000_000,
  flowM3PerHour: 1_000_000,
  /** 10 MPa: above the highest pressure a city network supplies (high pressure A is 4 MPa). */
  supplyPressureKpa: 10_000,
} as const;

/** Text that is more than white space: a blank name or address says nothing. */
const NOT_BLANK = /\S/u;
const notBlank = (field: string) => Matches(NOT_BLANK, { message: `${field} must not be blank` });

export class FirstContact {
  /** The staff number of the officer who first received the form (首接人员). */
  @IsString()
  @IsNotEmpty()
  @notBlank('staffId')
  @MaxLength(64)
  staffId!: string;

  @IsString()
  @IsNotEmpty()
  @notBlank('name')
  @MaxLength(64)
  name!: string;
}

export class EnterpriseDetails {
  @IsString()
  @IsNotEmpty()
  @notBlank('name')
  @MaxLength(TEXT_MAX)
  name!: string;

  @IsIn(PREMISES_OWNERSHIP)
  premisesOwnership!: (typeof PREMISES_OWNERSHIP)[number];

  /** Personal data. */
  @IsString()
  @IsNotEmpty()
  @notBlank('contactName')
  @MaxLength(64)
  contactName!: string;

  /** Personal data. */
  @IsString()
  @Matches(PHONE_PATTERN, { message: `contactPhone ${PHONE_MESSAGE}` })
  contactPhone!: string;

  @IsString()
  @IsNotEmpty()
  @notBlank('address')
  @MaxLength(TEXT_MAX)
  address!: string;
}

export class PowerRequest {
  @IsIn(POWER_TYPES)
  type!: (typeof POWER_TYPES)[number];

  /** Main supply capacity in kVA (kW). */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(FORM_MAXIMA.capacityKva)
  mainCapacityKva!: number;

  /** Backup supply capacity in kVA (kW); 0 when there is none. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(FORM_MAXIMA.capacityKva)
  backupCapacityKva!: number;
}

export class WaterRequest {
  @IsIn(WATER_TYPES)
  type!: (typeof WATER_TYPES)[number];

  @IsIn(METER_SIZES_DN, { message: `meterSizeDn must be one of ${METER_SIZES_DN.join(', ')}` })
  meterSizeDn!: (typeof METER_SIZES_DN)[number];

  /** Whether the site needs a dual (two-main) supply (双路供水). */
  @IsBoolean()
  dualSupply!: boolean;
}

export class GasRequest {
  @IsIn(GAS_USAGES)
  usage!: (typeof GAS_USAGES)[number];

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(FORM_MAXIMA.flowM3PerHour)
  flowM3PerHour!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(FORM_MAXIMA.supplyPressureKpa)
  supplyPressureKpa!: number;

  /** The day the enterprise wants gas from, as YYYY-MM-DD. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'expectedStartDate must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'expectedStartDate must be a real calendar date' })
  expectedStartDate!: string;
}

/**
 * The one form (水电气业务联合办理申请表): the enterprise, where it came in,
 * and one or more of the three sections.
 */
export class ApplicationForm {
  @IsIn(CHANNELS)
  channel!: Channel;

  /** The desk or entry point that received the form. */
  @IsString()
  @IsNotEmpty()
  @notBlank('window')
  @MaxLength(TEXT_MAX)
  window!: string;

  /** Required at a hall; online submissions get theirs at acceptance. */
  @ValidateIf((form: ApplicationForm) => isHallChannel(form.channel) || form.firstContact != null)
  @IsObject()
  @ValidateNested()
  @Type(() => FirstContact)
  firstContact?: FirstContact;

  @IsObject()
  @ValidateNested()
  @Type(() => EnterpriseDetails)
  enterprise!: EnterpriseDetails;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PowerRequest)
  power?: PowerRequest;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WaterRequest)
  water?: WaterRequest;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GasRequest)
  gas?: GasRequest;
}

export function isHallChannel(channel: unknown): boolean {
  return HALL_CHANNELS.includes(channel as Channel);
}
