/**
 * The calendar file has no arrangement for `year`. The State Council publishes each year's
 * holidays only in the November before, so a missing year is reported rather than guessed from
 * weekends alone.
 */
export class CalendarYearMissingError extends Error {
  constructor(
    readonly year: number,
    file: string,
  ) {
    super(
      `No working calendar for ${year} in ${file}: add the State Council's ${year} holiday ` +
        'arrangement (see libs/working-calendar/README.md)',
    );
    this.name = 'CalendarYearMissingError';
  }
}
