import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { toFieldErrors, Validated } from './field-error';

/**
 * Turns a request body into `cls` and lists every bad field; fields the
 * class does not know are errors too.
 */
export function validatePlain<T extends object>(
  cls: ClassConstructor<T>,
  raw: unknown,
): Validated<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ field: '(body)', message: 'the body must be a JSON object' }] };
  }
  const value = plainToInstance(cls, raw);
  const errors = toFieldErrors(
    validateSync(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }),
  );
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}
