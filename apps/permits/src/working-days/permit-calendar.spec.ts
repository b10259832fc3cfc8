import { WorkingCalendar } from '@joint/working-calendar';

import { PermitCalendar } from './permit-calendar';

/** 10:00 in China on `day`. */
const chinaMorning = (day: string) => new Date(`${day}T02:00:00Z`);

describe('PermitCalendar', () => {
  const sut = new PermitCalendar(WorkingCalendar.fromFile());

  describe('decisionDueBy', () => {
    it('skips the National Day holidays: asked Tuesday 29 September, due end of 8 October', () => {
      const dueBy = sut.decisionDueBy(chinaMorning('2026-09-29'), 2);

      expect(dueBy?.toISOString()).toBe('2026-10-08T16:00:00.000Z');
    });

    it('is unset when the calendar lacks the year, and never guessed', () => {
      const only2026 = WorkingCalendar.fromYears([
        { year: 2026, source: 'test', holidays: [], makeUpWorkdays: [] },
      ]);

      const dueBy = new PermitCalendar(only2026).decisionDueBy(chinaMorning('2026-12-30'), 2);

      expect(dueBy).toBeUndefined();
    });
  });

  describe('jointWindow', () => {
    it('starts the working day after the due date and counts the make-up Saturday', () => {
      const window = sut.jointWindow(new Date('2026-10-08T16:00:00.000Z'), 10);

      expect(window).toEqual({ start: '2026-10-09', end: '2026-10-21' });
    });

    it('starts on Monday when the decision is due on a Friday', () => {
      const window = sut.jointWindow(new Date('2026-12-04T16:00:00.000Z'), 1);

      expect(window).toEqual({ start: '2026-12-07', end: '2026-12-07' });
    });
  });

  describe('today', () => {
    it('is the China calendar day, eight hours ahead of UTC', () => {
      expect(sut.today(new Date('2026-12-03T16:30:00Z'))).toBe('2026-12-04');
    });
  });
});
