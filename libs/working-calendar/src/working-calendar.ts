import { defaultCalendarFile, readCalendarFile } from './calendar-file';
import { CalendarYearMissingError } from './calendar-year-missing.error';
import { addDays, chinaDay, endOfChinaDay, isDay, isWeekend, yearOf } from './china-day';
import { HolidayYear } from './holiday-year';
import { validateHolidayYears } from './holiday-year.validator';

/** What `CalendarYearMissingError` names as the file when the years were given in code. */
const IN_MEMORY = '(years given to WorkingCalendar.fromYears)';

interface YearDays {
  holidays: ReadonlySet<string>;
  makeUpWorkdays: ReadonlySet<string>;
}

/**
 * China's working days: Monday to Friday, less the public holidays, plus the weekend days worked
 * in exchange (调休上班), as the State Council publishes them year by year. Every question about
 * a year the calendar lacks throws `CalendarYearMissingError` instead of guessing.
 */
export class WorkingCalendar {
  /** Years covered, ascending. */
  readonly years: number[];

  private constructor(
    private readonly byYear: ReadonlyMap<number, YearDays>,
    private readonly file: string,
  ) {
    this.years = [...byYear.keys()].sort((a, b) => a - b);
  }

  /** Loads and validates a calendar file; by default the one shipped in this library. */
  static fromFile(path: string = defaultCalendarFile()): WorkingCalendar {
    return WorkingCalendar.build(validateHolidayYears(readCalendarFile(path), path), path);
  }

  /** A calendar from years given in code (validated like a file), e.g. for tests. */
  static fromYears(years: HolidayYear[]): WorkingCalendar {
    return WorkingCalendar.build(validateHolidayYears(years, IN_MEMORY), IN_MEMORY);
  }

  private static build(years: HolidayYear[], file: string): WorkingCalendar {
    const byYear = new Map<number, YearDays>();
    for (const year of years) {
      byYear.set(year.year, {
        holidays: new Set(year.holidays),
        makeUpWorkdays: new Set(year.makeUpWorkdays),
      });
    }
    return new WorkingCalendar(byYear, file);
  }

  /** Whether `day` (YYYY-MM-DD, a China calendar day) is a working day. */
  isWorkingDay(day: string): boolean {
    if (!isDay(day)) throw new RangeError(`${day} is not a YYYY-MM-DD date`);

    const year = this.byYear.get(yearOf(day));
    if (!year) throw new CalendarYearMissingError(yearOf(day), this.file);

    if (year.makeUpWorkdays.has(day)) return true;
    if (year.holidays.has(day)) return false;
    return !isWeekend(day);
  }

  /**
   * The end (24:00 Asia/Shanghai, i.e. 16:00Z) of the `days`-th working day after the
   * China-time day of `from`; days=0 → end of that same day if it is a working day, else of the
   * next working day.
   */
  addWorkingDays(from: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 0) {
      throw new RangeError(`days must be a whole number >= 0, got ${days}`);
    }

    let day = chinaDay(from);
    if (days === 0) {
      while (!this.isWorkingDay(day)) day = addDays(day, 1);
      return endOfChinaDay(day);
    }

    for (let counted = 0; counted < days;) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return endOfChinaDay(day);
  }

  /**
   * Working days elapsed between two instants, counted in whole China-time days (for step
   * durations, reports): the working days after the China day of `from` that had begun by `to`.
   * So a step taken Monday and finished any time on Wednesday took 2, and
   * `workingDaysBetween(from, addWorkingDays(from, n))` is `n` for n >= 1.
   */
  workingDaysBetween(from: Date, to: Date): number {
    if (to.getTime() < from.getTime()) {
      throw new RangeError(`to (${to.toISOString()}) is before from (${from.toISOString()})`);
    }

    // A day that begins exactly at `to` has not elapsed any of itself yet.
    const last = chinaDay(new Date(to.getTime() - 1));
    let count = 0;
    for (let day = addDays(chinaDay(from), 1); day <= last; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count += 1;
    }
    return count;
  }

  /** Years needed from `from` over the next `horizonDays` calendar days that the file lacks. */
  missingYears(from: Date, horizonDays: number): number[] {
    if (!Number.isInteger(horizonDays) || horizonDays < 0) {
      throw new RangeError(`horizonDays must be a whole number >= 0, got ${horizonDays}`);
    }

    const start = chinaDay(from);
    const missing: number[] = [];
    for (let year = yearOf(start); year <= yearOf(addDays(start, horizonDays)); year += 1) {
      if (!this.byYear.has(year)) missing.push(year);
    }
    return missing;
  }
}
