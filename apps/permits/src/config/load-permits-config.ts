import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { plainToInstance } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, validateSync } from 'class-validator';
import { Type } from 'class-transformer';

import { FieldError, PERMIT_TYPES, toFieldErrors } from '@joint/contracts';
import { ConfigError, readEnv } from '@joint/platform';

import { PermitsConfig } from './permits-config';

/** Points the service at another config file than its checked-in one. */
export const PERMITS_CONFIG_FILE_ENV = 'PERMITS_CONFIG_FILE';

const CHECKED_IN = join('apps', 'permits', 'config', 'permits.json');

class PermitsEnv {
  /** Overrides `sameRoadGroupingDays` of the file. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  PERMITS_SAME_ROAD_DAYS?: number;
}

/**
 * Reads and checks the permit office's config. A missing or bad file stops the service at start
 * with a message naming the file and every bad entry.
 */
export function loadPermitsConfig(env = process.env): PermitsConfig {
  const file = configFileOf(env);
  const config = plainToInstance(PermitsConfig, readJson(file), { exposeDefaultValues: true });

  const errors = [...toFieldErrors(validateSync(config)), ...crossCheck(config)];
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.field}: ${e.message}`).join('\n');
    throw new ConfigError(`invalid permits config in ${file}:\n${lines}`);
  }

  const override = readEnv(PermitsEnv, env).PERMITS_SAME_ROAD_DAYS;
  if (override !== undefined) config.sameRoadGroupingDays = override;
  return config;
}

/** What a field-by-field check cannot see: duplicate codes and routes to unknown departments. */
function crossCheck(config: PermitsConfig): FieldError[] {
  if (!Array.isArray(config.departments) || typeof config.routing !== 'object') return [];

  const errors: FieldError[] = [];
  const codes = new Set<string>();
  config.departments.forEach(({ code }, index) => {
    if (codes.has(code)) {
      errors.push({ field: `departments.${index}.code`, message: `${code} is listed twice` });
    }
    codes.add(code);
  });
  for (const type of PERMIT_TYPES) {
    const code = config.routing?.[type];
    if (typeof code === 'string' && !codes.has(code)) {
      errors.push({ field: `routing.${type}`, message: `${code} is not a listed department` });
    }
  }
  return errors;
}

/** `$PERMITS_CONFIG_FILE`, else the checked-in file in the nearest folder above this code. */
function configFileOf(env: NodeJS.ProcessEnv): string {
  const given = env[PERMITS_CONFIG_FILE_ENV];
  if (given) return resolve(given);

  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, CHECKED_IN))) return join(dir, CHECKED_IN);
    if (dirname(dir) === dir) throw new ConfigError(`no ${CHECKED_IN} above ${__dirname}`);
  }
}

function readJson(file: string): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read permits config ${file}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`permits config ${file} must hold a JSON object`);
  }
  return parsed;
}
