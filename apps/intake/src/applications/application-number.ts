/** Application numbers are counted per day in China Standard Time. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2026-12-03` for the day `at` falls on in Beijing. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * `YJ-20261203-000123`: the district, the day, and the day's sequence, so
 * numbers read aloud well and sort by time (six digits hold a busy day).
 */
export function formatApplicationNo(prefix: string, day: string, sequence: number): string {
  return `${prefix}-${day.replace(/-/g, '')}-${String(sequence).padStart(6, '0')}`;
}
