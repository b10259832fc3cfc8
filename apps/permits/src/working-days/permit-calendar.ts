import { Logger } from '@nestjs/common';

import { CalendarYearMissingError, chinaDay, WorkingCalendar } from '@joint/working-calendar';

/** A construction window: first and last working day, YYYY-MM-DD in China. */
export interface ConstructionWindow {
  start: string;
  end: string;
}

const MS = 1;

/**
 * The permit office's deadlines on the official working calendar. Where the calendar lacks a
 * year the answer is undefined and an error is logged naming the year: a deadline guessed from
 * weekends alone could promise a holiday.
 */
export class PermitCalendar {
  private readonly logger = new Logger(PermitCalendar.name);

  constructor(private readonly calendar: WorkingCalendar) {}

  /** When a decision asked for at `requestedAt` is due: the end of the last working day. */
  decisionDueBy(requestedAt: Date, limitWorkingDays: number): Date | undefined {
    return this.tryCalendar(() => this.calendar.addWorkingDays(requestedAt, limitWorkingDays));
  }

  /**
   * The joint works window: `workingDays` working days from the working day after the decision
   * due date.
   */
  jointWindow(dueBy: Date, workingDays: number): ConstructionWindow | undefined {
    // The due date is 24:00 of its day, which is already the next day; count from its last instant.
    const dueDayEnd = new Date(dueBy.getTime() - MS);
    return this.tryCalendar(() => ({
      start: chinaDay(new Date(this.calendar.addWorkingDays(dueDayEnd, 1).getTime() - MS)),
      end: chinaDay(new Date(this.calendar.addWorkingDays(dueDayEnd, workingDays).getTime() - MS)),
    }));
  }

  /** Today in China, YYYY-MM-DD. */
  today(now: Date): string {
    return chinaDay(now);
  }

  private tryCalendar<T>(compute: () => T): T | undefined {
    try {
      return compute();
    } catch (error) {
      if (!(error instanceof CalendarYearMissingError)) throw error;
      this.logger.error(
        { year: error.year, error: error.message },
        'working calendar lacks a year',
      );
      return undefined;
    }
  }
}
