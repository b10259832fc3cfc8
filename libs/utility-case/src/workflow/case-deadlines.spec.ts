import { Logger } from '@nestjs/common';

import { WorkingCalendar } from '@joint/working-calendar';

import { CaseDeadlines } from './case-deadlines';

/** A moment given in China time, e.g. `china('2026-12-04T10:00')`. */
function china(localTime: string): Date {
  return new Date(`${localTime}:00+08:00`);
}

describe('CaseDeadlines', () => {
  const sut = new CaseDeadlines(WorkingCalendar.fromFile());
  const context = { applicationNo: 'YJ-1', step: 'survey_done' as const };

  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('skips the weekend', () => {
    // Friday 4 December 2026 + 1 working day = end of Monday 7 December
    expect(sut.dueBy(china('2026-12-04T16:30'), 1, context)).toEqual({
      dueBy: china('2026-12-08T00:00'),
    });
  });

  it('skips the National Day holiday and counts its make-up working day', () => {
    // Wed 30 Sep 2026 + 1: 1–7 October are off; Sat 10 October 2026 is worked (调休)
    const { dueBy } = sut.dueBy(china('2026-09-30T10:00'), 1, context);

    expect(dueBy?.toISOString()).toBe(china('2026-10-09T00:00').toISOString());
    // Fri 9 October + 1 = Saturday 10 October, a make-up working day
    expect(sut.dueBy(china('2026-10-09T10:00'), 1, context).dueBy).toEqual(
      china('2026-10-11T00:00'),
    );
  });

  it('gives the end of the same working day for a limit of 0', () => {
    expect(sut.dueBy(china('2026-12-03T10:00'), 0, context).dueBy).toEqual(
      china('2026-12-04T00:00'),
    );
  });

  it('leaves the due date unset, with a note, where the calendar lacks the year', () => {
    const deadline = sut.dueBy(china('2026-12-28T10:00'), 10, context);

    expect(deadline.dueBy).toBeNull();
    expect(deadline.note).toMatch(/no due date for survey_done: .* no 2027/);
  });
});
