import { Specialist } from './events/service-progressed.event';
import { EnterpriseDetails } from './form/application-form';

/** A class of the contract and those of its properties that hold personal data. */
export interface PersonalDataFields {
  owner: abstract new () => object;
  properties: readonly string[];
}

function personalData<T extends object>(
  owner: new () => T,
  properties: readonly (keyof T & string)[],
): PersonalDataFields {
  return { owner, properties };
}

/**
 * Every property of the events that holds personal data (a person's name or phone): kept out
 * of logs, and marked `x-personal-data` in the AsyncAPI document so the ops team's tools can
 * mask it. The doc comments say "Personal data." beside each one.
 */
export const PERSONAL_DATA_FIELDS: readonly PersonalDataFields[] = [
  personalData(EnterpriseDetails, ['contactName', 'contactPhone']),
  personalData(Specialist, ['phone']),
];
