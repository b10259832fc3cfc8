import { Injectable, Logger } from '@nestjs/common';

import type { CaseStep } from '@joint/contracts';
import { CalendarYearMissingError, WorkingCalendar } from '@joint/working-calendar';

/** A due date, or why there is none (the calendar lacks a year the limit runs into). */
export type Deadline = { dueBy: Date; note?: undefined } | { dueBy: null; note: string };

/**
 * Turns committed time limits in working days into due dates on China's working calendar
 * (weekends, public holidays and make-up working days). Never guesses a year the calendar
 * does not have: the step is left without a due date and says so.
 */
@Injectable()
export class CaseDeadlines {
  private readonly logger = new Logger(CaseDeadlines.name);

  constructor(private readonly calendar: WorkingCalendar) {}

  dueBy(
    from: Date,
    workingDays: number,
    context: { applicationNo: string; step: CaseStep },
  ): Deadline {
    try {
      return { dueBy: this.calendar.addWorkingDays(from, workingDays) };
    } catch (error) {
      if (!(error instanceof CalendarYearMissingError)) throw error;

      this.logger.error(
        { ...context, year: error.year, workingDays, error: error.message },
        'working calendar lacks a year: step left without a due date',
      );
      return {
        dueBy: null,
        note: `no due date for ${context.step}: the working calendar has no ${error.year} yet`,
      };
    }
  }
}
