/**
 * China Standard Time. China has kept UTC+8 all year since 1991, so a fixed offset gives the
 * same calendar days as Asia/Shanghai without a zone database.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const SUNDAY = 0;
const SATURDAY = 6;

/** The calendar day (YYYY-MM-DD) that `at` falls on in China (Asia/Shanghai). */
export function chinaDay(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('chinaDay: invalid Date');

  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether `day` is a real YYYY-MM-DD date (rejects 2026-02-30, which Date would roll over). */
export function isDay(day: string): boolean {
  const match = DAY_PATTERN.exec(day);
  if (!match) return false;

  const [year, month, date] = match.slice(1).map(Number);
  const utc = new Date(Date.UTC(year, month - 1, date));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1;
}

/** The year of a YYYY-MM-DD day. */
export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** The day `count` calendar days after `day` (before it when negative). */
export function addDays(day: string, count: number): string {
  return new Date(startMs(day) + count * DAY_MS).toISOString().slice(0, 10);
}

export function isWeekend(day: string): boolean {
  const weekday = new Date(startMs(day)).getUTCDay();
  return weekday === SATURDAY || weekday === SUNDAY;
}

/** 24:00 China time at the end of `day`, i.e. 16:00Z on that day. */
export function endOfChinaDay(day: string): Date {
  return new Date(startMs(day) + DAY_MS - CHINA_OFFSET_MS);
}

/** Midnight UTC of `day`, used only as a day counter, never as an instant. */
function startMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}
