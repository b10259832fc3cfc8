import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CalendarYearMissingError } from './calendar-year-missing.error';
import { HolidayYear } from './holiday-year';
import { WorkingCalendar } from './working-calendar';

/** A moment given in China time, e.g. `china('2026-09-24T10:00')`. */
function china(localTime: string): Date {
  return new Date(`${localTime}:00+08:00`);
}

const YEAR_2026: HolidayYear = {
  year: 2026,
  source: 'test',
  holidays: ['2026-02-15', '2026-02-16'],
  makeUpWorkdays: ['2026-02-14'],
};

describe('WorkingCalendar', () => {
  const sut = WorkingCalendar.fromFile();
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'working-calendar-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Writes a calendar file with `years` and returns its path. */
  function calendarFile(name: string, years: unknown): string {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify({ years }));
    return path;
  }

  describe('fromFile', () => {
    it('loads the shipped file with 2025 and 2026 and nothing guessed beyond', () => {
      expect(sut.years).toEqual([2025, 2026]);
    });

    it('honours WORKING_CALENDAR_FILE when no path is given', () => {
      const path = calendarFile('env.json', [YEAR_2026]);
      process.env.WORKING_CALENDAR_FILE = path;
      try {
        expect(WorkingCalendar.fromFile().years).toEqual([2026]);
      } finally {
        delete process.env.WORKING_CALENDAR_FILE;
      }
    });

    it('names the entry that is not a real date', () => {
      const bad = {
        ...YEAR_2026,
        holidays: ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-30'],
      };
      const path = calendarFile('bad-date.json', [bad]);

      expect(() => WorkingCalendar.fromFile(path)).toThrow(
        `Invalid working calendar ${path}: 2026.holidays[3]: 2026-02-30 is not a date`,
      );
    });

    it('names a day that is both a holiday and a make-up working day', () => {
      const bad = { ...YEAR_2026, makeUpWorkdays: ['2026-02-14', '2026-02-15'] };
      const path = calendarFile('overlap.json', [bad]);

      expect(() => WorkingCalendar.fromFile(path)).toThrow('2026.makeUpWorkdays[1]: 2026-02-15');
    });

    it('names a duplicate holiday, a day outside its year and a year listed twice', () => {
      const duplicate = { ...YEAR_2026, holidays: ['2026-02-15', '2026-02-15'] };
      const outside = { ...YEAR_2026, holidays: ['2025-12-31'] };

      expect(() => WorkingCalendar.fromYears([duplicate])).toThrow(
        '2026.holidays[1]: 2026-02-15 is listed twice',
      );
      expect(() => WorkingCalendar.fromYears([outside])).toThrow(
        '2026.holidays[0]: 2025-12-31 is not in 2026',
      );
      expect(() => WorkingCalendar.fromYears([YEAR_2026, YEAR_2026])).toThrow(
        '2026: the year is listed twice',
      );
    });

    it('reports a file that is missing or not JSON with its path', () => {
      const notJson = join(dir, 'not-json.json');
      writeFileSync(notJson, '{ years: ');

      expect(() => WorkingCalendar.fromFile(join(dir, 'absent.json'))).toThrow('absent.json');
      expect(() => WorkingCalendar.fromFile(notJson)).toThrow(
        `Cannot read working calendar ${notJson}`,
      );
    });
  });

  describe('isWorkingDay', () => {
    it('follows weekends, holidays on weekdays and make-up working days', () => {
      expect(sut.isWorkingDay('2026-03-02')).toBe(true); // Monday
      expect(sut.isWorkingDay('2026-03-07')).toBe(false); // Saturday
      expect(sut.isWorkingDay('2026-10-05')).toBe(false); // 国庆, a Monday
      expect(sut.isWorkingDay('2026-10-10')).toBe(true); // make-up Saturday
      expect(sut.isWorkingDay('2025-01-26')).toBe(true); // make-up Sunday
    });

    it('reports a year the file lacks, naming the year and the file', () => {
      const check = (): boolean => sut.isWorkingDay('2027-01-04');

      expect(check).toThrow(CalendarYearMissingError);
      expect(check).toThrow(/2027.*china-holidays\.json/);
      try {
        check();
      } catch (error) {
        expect((error as CalendarYearMissingError).year).toBe(2027);
      }
    });

    it('refuses a day that is not YYYY-MM-DD', () => {
      expect(() => sut.isWorkingDay('2026-02-30')).toThrow(RangeError);
    });
  });

  describe('addWorkingDays', () => {
    it('skips a weekend', () => {
      // Friday 2026-03-06 + 1 → Monday 2026-03-09
      expect(sut.addWorkingDays(china('2026-03-06T10:00'), 1)).toEqual(
        new Date('2026-03-09T16:00:00.000Z'),
      );
    });

    it('skips a public holiday (中秋, Friday to Sunday)', () => {
      expect(sut.addWorkingDays(china('2026-09-24T10:00'), 2)).toEqual(
        new Date('2026-09-29T16:00:00.000Z'),
      );
    });

    it('counts a make-up working day', () => {
      expect(sut.addWorkingDays(china('2026-02-13T10:00'), 1)).toEqual(
        new Date('2026-02-14T16:00:00.000Z'),
      );
    });

    it('starts from the China day when the UTC day is still the previous one', () => {
      // Friday 2026-03-06T17:00Z is already Saturday 01:00 in China
      expect(sut.addWorkingDays(new Date('2026-03-06T17:00:00Z'), 1)).toEqual(
        new Date('2026-03-09T16:00:00.000Z'),
      );
      // Thursday 15:59Z is still Thursday 23:59 in China
      expect(sut.addWorkingDays(new Date('2026-03-05T15:59:00Z'), 1)).toEqual(
        new Date('2026-03-06T16:00:00.000Z'),
      );
    });

    it('crosses the whole 春节 run, from the make-up Saturday to the day after it', () => {
      // Sat 14 (worked) → Sun 15 to Mon 23 off → Tue 24 is the first working day
      expect(sut.addWorkingDays(china('2026-02-14T09:00'), 1)).toEqual(
        new Date('2026-02-24T16:00:00.000Z'),
      );
      // Tue 24 to Fri 27, then the make-up Saturday 28 is the fifth
      expect(sut.addWorkingDays(china('2026-02-14T09:00'), 5)).toEqual(
        new Date('2026-02-28T16:00:00.000Z'),
      );
    });

    it('gives the end of the same or next working day for zero days', () => {
      expect(sut.addWorkingDays(china('2026-03-05T10:00'), 0)).toEqual(
        new Date('2026-03-05T16:00:00.000Z'),
      );
      expect(sut.addWorkingDays(china('2026-10-01T10:00'), 0)).toEqual(
        new Date('2026-10-08T16:00:00.000Z'),
      );
    });

    it('reports 2027 instead of guessing when the count runs past 2026', () => {
      const add = (): Date => sut.addWorkingDays(china('2026-12-30T10:00'), 5);

      expect(add).toThrow(CalendarYearMissingError);
      expect(add).toThrow('No working calendar for 2027');
    });

    it('refuses a negative or fractional count', () => {
      expect(() => sut.addWorkingDays(china('2026-03-05T10:00'), -1)).toThrow(RangeError);
      expect(() => sut.addWorkingDays(china('2026-03-05T10:00'), 1.5)).toThrow(RangeError);
    });
  });

  describe('workingDaysBetween', () => {
    it('counts the working days after the start day that have begun', () => {
      // Monday 10:00 to Wednesday 15:00
      expect(sut.workingDaysBetween(china('2026-03-02T10:00'), china('2026-03-04T15:00'))).toBe(2);
      expect(sut.workingDaysBetween(china('2026-03-02T10:00'), china('2026-03-02T18:00'))).toBe(0);
    });

    it('leaves out weekends and holidays and counts make-up days', () => {
      // Fri 13 Feb to Fri 27 Feb: Sat 14, Tue 24 to Fri 27
      expect(sut.workingDaysBetween(china('2026-02-13T10:00'), china('2026-02-27T10:00'))).toBe(5);
    });

    it('gives back n for the deadline addWorkingDays computed', () => {
      const from = china('2026-09-24T10:00');

      expect(sut.workingDaysBetween(from, sut.addWorkingDays(from, 2))).toBe(2);
    });

    it('refuses an end before the start', () => {
      expect(() =>
        sut.workingDaysBetween(china('2026-03-04T10:00'), china('2026-03-02T10:00')),
      ).toThrow(RangeError);
    });
  });

  describe('missingYears', () => {
    it('lists the years within the horizon that the file lacks', () => {
      expect(sut.missingYears(china('2026-06-01T10:00'), 90)).toEqual([]);
      expect(sut.missingYears(china('2026-11-01T10:00'), 90)).toEqual([2027]);
      expect(sut.missingYears(china('2026-11-01T10:00'), 700)).toEqual([2027, 2028]);
    });

    it('uses the China day of the start', () => {
      // 2026-12-31T16:00Z is already 1 January 2027 in China
      expect(sut.missingYears(new Date('2026-12-31T16:00:00Z'), 0)).toEqual([2027]);
      expect(sut.missingYears(new Date('2026-12-31T15:59:00Z'), 0)).toEqual([]);
    });
  });
});
