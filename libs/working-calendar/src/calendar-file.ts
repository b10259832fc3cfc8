import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the shipped file sits relative to the repository (or image) root. */
const SHIPPED_FILE = join('libs', 'working-calendar', 'calendar', 'china-holidays.json');

/** Overrides the shipped file, e.g. in an image that does not copy `libs/`. */
export const CALENDAR_FILE_ENV = 'WORKING_CALENDAR_FILE';

/**
 * The calendar file to load when none is given: `$WORKING_CALENDAR_FILE`, else the shipped file
 * found by walking up from this module. Walking up works both from the TypeScript source (run by
 * Jest) and from the compiled `dist/libs/working-calendar/src`, which sits deeper in the tree.
 */
export function defaultCalendarFile(): string {
  const fromEnv = process.env[CALENDAR_FILE_ENV];
  if (fromEnv) return fromEnv;

  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, SHIPPED_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(
    `Working calendar file ${SHIPPED_FILE} not found above ${__dirname}; ` +
      `set ${CALENDAR_FILE_ENV} to its path`,
  );
}

/** The `years` array of a calendar file, not yet validated. */
export function readCalendarFile(path: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read working calendar ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }

  if (typeof parsed !== 'object' || parsed === null || !('years' in parsed)) {
    throw new Error(`Invalid working calendar ${path}: expected an object with a "years" array`);
  }
  return parsed.years;
}
