import { chinaDay } from './china-day';

describe('chinaDay', () => {
  it('gives the Asia/Shanghai day, eight hours ahead of UTC', () => {
    expect(chinaDay(new Date('2026-03-05T15:59:59.999Z'))).toBe('2026-03-05');
    expect(chinaDay(new Date('2026-03-05T16:00:00.000Z'))).toBe('2026-03-06');
    expect(chinaDay(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
  });

  it('refuses an invalid Date', () => {
    expect(() => chinaDay(new Date('nonsense'))).toThrow(RangeError);
  });
});
