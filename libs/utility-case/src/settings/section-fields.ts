import type { GasRequest, PowerRequest, Utility, WaterRequest } from '@joint/contracts';

export type FieldKind = 'number' | 'boolean' | 'string';

/**
 * The fields of each utility's section of the form, which profile rules and fee items may
 * read. Typed against the form's classes, so a field renamed there fails to compile here.
 */
export const SECTION_FIELDS: {
  power: Record<keyof PowerRequest, FieldKind>;
  water: Record<keyof WaterRequest, FieldKind>;
  gas: Record<keyof GasRequest, FieldKind>;
} = {
  power: { type: 'string', mainCapacityKva: 'number', backupCapacityKva: 'number' },
  water: { type: 'string', meterSizeDn: 'number', dualSupply: 'boolean' },
  gas: {
    usage: 'string',
    flowM3PerHour: 'number',
    supplyPressureKpa: 'number',
    expectedStartDate: 'string',
  },
};

export function fieldKindOf(utility: Utility, field: string): FieldKind | undefined {
  const fields: Record<string, FieldKind> = SECTION_FIELDS[utility];
  return Object.hasOwn(fields, field) ? fields[field] : undefined;
}
