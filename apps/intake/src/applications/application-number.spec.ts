import { chinaDay, formatApplicationNo } from './application-number';

describe('chinaDay', () => {
  it('counts a late UTC evening as the next day in Beijing', () => {
    expect(chinaDay(new Date('2026-12-03T16:30:00Z'))).toBe('2026-12-04');
  });

  it('keeps a UTC morning on the same day', () => {
    expect(chinaDay(new Date('2026-12-03T01:00:00Z'))).toBe('2026-12-03');
  });
});

describe('formatApplicationNo', () => {
  it('joins the prefix, the day and a six-digit sequence', () => {
    expect(formatApplicationNo('YJ', '2026-12-03', 123)).toBe('YJ-20261203-000123');
  });

  it('sorts as text in the order it was given out', () => {
    const numbers = [
      formatApplicationNo('YJ', '2026-12-03', 99),
      formatApplicationNo('YJ', '2026-12-03', 100),
      formatApplicationNo('YJ', '2026-12-04', 1),
    ];

    expect([...numbers].sort()).toEqual(numbers);
  });
});
