import { isDay, yearOf } from './china-day';
import { HolidayYear } from './holiday-year';

type DayList = 'holidays' | 'makeUpWorkdays';

/**
 * Checks the contents of a calendar file (or years given in code) and returns them typed. A
 * mistake in the file would silently move every deadline, so any bad entry stops the load with
 * an error naming it, e.g. `2026.holidays[3]: 2026-02-30 is not a date`.
 */
export function validateHolidayYears(raw: unknown, file: string): HolidayYear[] {
  const fail = (entry: string, problem: string): never => {
    throw new Error(`Invalid working calendar ${file}: ${entry}: ${problem}`);
  };
  if (!Array.isArray(raw)) return fail('years', 'expected an array of years');

  const seen = new Set<number>();
  return raw.map((entry: unknown, index) => {
    const year = validateYear(entry, `years[${index}]`, fail);
    if (seen.has(year.year)) fail(String(year.year), 'the year is listed twice');
    seen.add(year.year);
    return year;
  });
}

function validateYear(
  entry: unknown,
  name: string,
  fail: (entry: string, problem: string) => never,
): HolidayYear {
  if (typeof entry !== 'object' || entry === null) return fail(name, 'expected an object');

  const { year, source, holidays, makeUpWorkdays } = entry as Record<string, unknown>;
  if (!Number.isInteger(year) || (year as number) < 1000 || (year as number) > 9999) {
    return fail(`${name}.year`, `${String(year)} is not a four-digit year`);
  }
  const label = String(year);
  if (typeof source !== 'string' || source.trim() === '') {
    return fail(`${label}.source`, 'expected the notice the days come from');
  }

  const checked: HolidayYear = {
    year: year as number,
    source,
    holidays: validateDays(holidays, label, 'holidays', fail),
    makeUpWorkdays: validateDays(makeUpWorkdays, label, 'makeUpWorkdays', fail),
  };
  checkNoOverlap(checked, fail);
  return checked;
}

function validateDays(
  days: unknown,
  year: string,
  list: DayList,
  fail: (entry: string, problem: string) => never,
): string[] {
  if (!Array.isArray(days)) return fail(`${year}.${list}`, 'expected an array of YYYY-MM-DD days');

  const seen = new Set<string>();
  return days.map((day: unknown, index) => {
    const entry = `${year}.${list}[${index}]`;
    if (typeof day !== 'string' || !isDay(day)) return fail(entry, `${String(day)} is not a date`);
    if (String(yearOf(day)) !== year) return fail(entry, `${day} is not in ${year}`);
    if (seen.has(day)) return fail(entry, `${day} is listed twice`);
    seen.add(day);
    return day;
  });
}

/** A day cannot be both off and worked; which one wins would be a guess. */
function checkNoOverlap(year: HolidayYear, fail: (entry: string, problem: string) => never): void {
  const holidays = new Set(year.holidays);
  year.makeUpWorkdays.forEach((day, index) => {
    if (holidays.has(day)) {
      fail(`${year.year}.makeUpWorkdays[${index}]`, `${day} is also listed as a holiday`);
    }
  });
}
