import { addWorkingDays } from './add-working-days';

/** A moment given in China time, e.g. `china('2026-12-04T10:00')`. */
function china(localTime: string): Date {
  return new Date(`${localTime}:00+08:00`);
}

describe('addWorkingDays', () => {
  it('gives the end of the next day for one working day from a weekday', () => {
    // Thursday 3 December 2026
    expect(addWorkingDays(china('2026-12-03T10:00'), 1)).toEqual(china('2026-12-05T00:00'));
  });

  it('skips the weekend when received on a Friday', () => {
    expect(addWorkingDays(china('2026-12-04T16:30'), 1)).toEqual(china('2026-12-08T00:00'));
  });

  it('counts from Monday when received on a Saturday or Sunday', () => {
    expect(addWorkingDays(china('2026-12-05T09:00'), 1)).toEqual(china('2026-12-08T00:00'));
    expect(addWorkingDays(china('2026-12-06T23:59'), 1)).toEqual(china('2026-12-08T00:00'));
  });

  it('spans whole weeks', () => {
    // Monday + 10 working days = the Monday two weeks on
    expect(addWorkingDays(china('2026-12-07T08:00'), 10)).toEqual(china('2026-12-22T00:00'));
  });

  it('uses the China calendar day, not the UTC one', () => {
    // 2026-12-04T17:00Z is already Saturday 01:00 in China
    expect(addWorkingDays(new Date('2026-12-04T17:00:00Z'), 1)).toEqual(china('2026-12-08T00:00'));
    // 2026-12-03T15:59Z is still Thursday 23:59 in China
    expect(addWorkingDays(new Date('2026-12-03T15:59:00Z'), 1)).toEqual(china('2026-12-05T00:00'));
  });

  it('gives the end of the day of receipt for zero working days', () => {
    expect(addWorkingDays(china('2026-12-05T09:00'), 0)).toEqual(china('2026-12-06T00:00'));
  });

  it('refuses a negative or fractional limit', () => {
    expect(() => addWorkingDays(china('2026-12-03T10:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(china('2026-12-03T10:00'), 1.5)).toThrow(RangeError);
  });
});
