import { SetMetadata } from '@nestjs/common';

import { StaffRole } from './staff-claims';

/**
 * Who may call an endpoint. Every endpoint of every service declares one: the
 * guard refuses an endpoint without a rule, so a new one cannot be open by
 * accident.
 */
export type AccessRule =
  /** Anyone: health, metrics, the catalogue, online submissions, sign-in. */
  | { kind: 'public' }
  /**
   * The enterprise, proving it with its application number and contact phone; a staff token,
   * when sent, is checked too, so the endpoint may let some staff read without the phone.
   */
  | { kind: 'applicant' }
  /** Signed-in staff of these roles (further limited to their scopes by the endpoint). */
  | { kind: 'staff'; roles: readonly StaffRole[] };

export const ACCESS_RULE = 'joint:access-rule';

export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

export const ApplicantOnly = () =>
  SetMetadata(ACCESS_RULE, { kind: 'applicant' } satisfies AccessRule);

export const StaffOnly = (...roles: StaffRole[]) =>
  SetMetadata(ACCESS_RULE, { kind: 'staff', roles } satisfies AccessRule);
