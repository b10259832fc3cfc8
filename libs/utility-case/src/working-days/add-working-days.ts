/**
 * China Standard Time. China has kept UTC+8 all year since 1991, so a fixed
 * offset gives the same calendar days as Asia/Shanghai without a zone database.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const SUNDAY = 0;
const SATURDAY = 6;

/**
 * When a committed time limit of `workingDays` runs out for something
 * received at `receivedAt`: the end (24:00 China time) of the last of those
 * working days, counting from the day after receipt. Saturdays and Sundays
 * are not working days; public holidays and their make-up working days are
 * not known here yet, so a limit that spans one comes out too early.
 *
 * Zero working days means by the end of the day of receipt.
 */
export function addWorkingDays(receivedAt: Date, workingDays: number): Date {
  if (!Number.isInteger(workingDays) || workingDays < 0) {
    throw new RangeError(`workingDays must be a whole number >= 0, got ${workingDays}`);
  }

  let day = chinaDayOf(receivedAt);
  for (let counted = 0; counted < workingDays;) {
    day += 1;
    if (isWorkingDay(day)) counted += 1;
  }

  return new Date((day + 1) * DAY_MS - CHINA_OFFSET_MS);
}

/** Days since 1970-01-01 of the calendar day `at` falls on in China. */
function chinaDayOf(at: Date): number {
  return Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS);
}

function isWorkingDay(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday !== SATURDAY && weekday !== SUNDAY;
}
