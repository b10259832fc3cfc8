import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether the phone an enterprise gives is the contact phone on its form:
 * its only key to its application. Compared in constant time, and as people
 * write numbers: `0564-6123456`, `05646123456` and `0564 612 3456` are one.
 */
export function isContactPhone(stored: string, given: string | undefined): boolean {
  if (!given) return false;
  const digest = (s: string) => createHash('sha256').update(s.replace(/[\s-]/g, '')).digest();
  return timingSafeEqual(digest(stored), digest(given));
}
