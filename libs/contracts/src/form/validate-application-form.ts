import { FieldError, Validated } from '../validation/field-error';
import { validatePlain } from '../validation/validate-plain';
import { ApplicationForm } from './application-form';
import { Utility, UTILITIES } from '../utility';

/**
 * Checks a submitted form and lists every bad field. Unknown fields are
 * errors too, so a typo never silently drops what the enterprise asked for.
 */
export function validateApplicationForm(raw: unknown): Validated<ApplicationForm> {
  const checked = validatePlain(ApplicationForm, raw);
  const errors = checked.ok ? [] : checked.errors;
  const isObject = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
  if (isObject && requestedServices(raw).length === 0) {
    errors.push({ field: 'services', message: 'choose at least one of power, water and gas' });
  }
  return errors.length > 0 ? { ok: false, errors: firstPerField(errors) } : checked;
}

/** The utilities a form asks for, in the form's order. */
export function requestedServices(form: Partial<Record<Utility, unknown>>): Utility[] {
  return UTILITIES.filter((utility) => form[utility] != null);
}

/** One message per field is enough to fix it; keep the first. */
function firstPerField(errors: FieldError[]): FieldError[] {
  const seen = new Map<string, FieldError>();
  for (const error of errors) {
    if (!seen.has(error.field)) seen.set(error.field, error);
  }
  return [...seen.values()];
}
