import { normalizeRoad } from './normalize-road';

describe('normalizeRoad', () => {
  it('trims and collapses white space, the full-width space too', () => {
    expect(normalizeRoad('  纬三路 \u3000 东段 ')).toBe('纬三路 东段');
  });

  it('has no road for a missing or blank route', () => {
    expect(normalizeRoad(undefined)).toBeNull();
    expect(normalizeRoad('   ')).toBeNull();
  });
});
