import { KeyObject } from 'node:crypto';

import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';

import { privateKeyFrom, readPem } from '@joint/auth';
import {
  ConfigError,
  readEnv,
  readServiceConfig,
  ServiceConfig,
  ServiceEnv,
} from '@joint/platform';

class IntakeEnv extends ServiceEnv {
  /** The district's prefix of every application number (`YJ` for 叶集区). */
  @IsOptional()
  @Matches(/^[A-Z]{1,6}$/, { message: 'APPLICATION_NO_PREFIX must be 1 to 6 capital letters' })
  APPLICATION_NO_PREFIX = 'YJ';

  /** The PEM private key intake signs staff tokens with (EC P-256); only intake has it. */
  @IsOptional()
  @IsString()
  AUTH_PRIVATE_KEY?: string;

  /** The same, from a file; `AUTH_PRIVATE_KEY` wins when both are set. */
  @IsOptional()
  @IsString()
  AUTH_PRIVATE_KEY_FILE?: string;

  @Type(() => Number)
  @IsInt()
  @Min(30)
  AUTH_ACCESS_TOKEN_TTL_S = 900;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  AUTH_REFRESH_TOKEN_TTL_S = 43_200;

  /** Wrong tries of one application number (or one username) before it waits. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WRONG_TRIES_PER_KEY = 10;

  /** Wrong tries from one client, across numbers or usernames, before it waits. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WRONG_TRIES_PER_CLIENT = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  WRONG_TRIES_WINDOW_S = 3_600;

  /** Submissions without a clerk's sign-in, per client and minute. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SUBMISSIONS_PER_CLIENT_PER_MINUTE = 30;
}

export interface AccessLimitsConfig {
  wrongTriesPerNumber: number;
  wrongTriesPerClient: number;
  wrongTriesWindowSeconds: number;
  submissionsPerClientPerMinute: number;
}

export interface IntakeConfig extends ServiceConfig {
  applicationNoPrefix: string;
  /** Absent: sign-in answers 401 and says why; everything else works. */
  authPrivateKey?: KeyObject;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  limits: AccessLimitsConfig;
}

export function readIntakeConfig(env = process.env): IntakeConfig {
  const read = readEnv(IntakeEnv, env);
  return {
    ...readServiceConfig('intake', env),
    applicationNoPrefix: read.APPLICATION_NO_PREFIX,
    authPrivateKey: readPrivateKey(read),
    accessTokenTtlSeconds: read.AUTH_ACCESS_TOKEN_TTL_S,
    refreshTokenTtlSeconds: read.AUTH_REFRESH_TOKEN_TTL_S,
    limits: {
      wrongTriesPerNumber: read.WRONG_TRIES_PER_KEY,
      wrongTriesPerClient: read.WRONG_TRIES_PER_CLIENT,
      wrongTriesWindowSeconds: read.WRONG_TRIES_WINDOW_S,
      submissionsPerClientPerMinute: read.SUBMISSIONS_PER_CLIENT_PER_MINUTE,
    },
  };
}

function readPrivateKey(read: IntakeEnv): KeyObject | undefined {
  try {
    const pem = readPem(read.AUTH_PRIVATE_KEY, read.AUTH_PRIVATE_KEY_FILE);
    return pem === undefined ? undefined : privateKeyFrom(pem);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`invalid configuration:\n  AUTH_PRIVATE_KEY: ${why}`);
  }
}
