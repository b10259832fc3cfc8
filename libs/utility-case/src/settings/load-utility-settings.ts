import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { Utility } from '@joint/contracts';
import { ConfigError } from '@joint/platform';

import { UtilitySettings } from './utility-settings';
import { validateUtilitySettings } from './validate-utility-settings';

/** Points a service at another settings file than its checked-in one. */
export const SETTINGS_FILE_ENV = 'UTILITY_CONFIG_FILE';

/**
 * Reads and checks a utility's settings file. A missing or bad file stops the
 * service at start with a message naming the file and every bad entry.
 */
export function loadUtilitySettings(utility: Utility, env = process.env): UtilitySettings {
  const file = settingsFileOf(utility, env);
  const { settings, errors } = validateUtilitySettings(readJson(file), utility);

  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.field}: ${e.message}`).join('\n');
    throw new ConfigError(`invalid utility settings in ${file}:\n${lines}`);
  }
  return settings;
}

/**
 * The settings file: `$UTILITY_CONFIG_FILE`, else the checked-in
 * `apps/<utility>/config/<utility>.json` in the nearest folder above this
 * code that has one: the repository when run from source or from dist/, the
 * image's root in Docker.
 */
export function settingsFileOf(utility: Utility, env = process.env): string {
  const given = env[SETTINGS_FILE_ENV];
  if (given) return resolve(given);

  const checkedIn = join('apps', utility, 'config', `${utility}.json`);
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, checkedIn))) return join(dir, checkedIn);
    if (dirname(dir) === dir) throw new ConfigError(`no ${checkedIn} above ${__dirname}`);
  }
}

function readJson(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read utility settings ${file}: ${(error as Error).message}`);
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`utility settings ${file} is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`utility settings ${file} must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
}
