/**
 * The roles staff sign in with. Each is limited to its scopes: a clerk to
 * the windows it serves, utility staff to their utility, an officer to the
 * departments it decides for.
 */
export const STAFF_ROLES = [
  'window_clerk',
  'utility_staff',
  'department_officer',
  'supervisor',
  'admin',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** What a staff token says of its holder; every service trusts it once the signature checks. */
export interface StaffClaims {
  /** The account's username. */
  sub: string;
  /** The staff id recorded on every event this person causes. */
  staffId: string;
  /** Personal data: the person's name, shown to the enterprise as the officer. */
  name: string;
  role: StaffRole;
  /** Windows, a utility or departments, by role; empty for supervisor and admin. */
  scopes: string[];
}

/** Who signed in, as recorded on a step, a decision or an acceptance. */
export function actorOf(staff: StaffClaims): string {
  return staff.staffId;
}
