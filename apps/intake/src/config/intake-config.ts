import { IsOptional, Matches } from 'class-validator';

import { readEnv, readServiceConfig, ServiceConfig, ServiceEnv } from '@joint/platform';

class IntakeEnv extends ServiceEnv {
  /** The district's prefix of every application number (`YJ` for 叶集区). */
  @IsOptional()
  @Matches(/^[A-Z]{1,6}$/, { message: 'APPLICATION_NO_PREFIX must be 1 to 6 capital letters' })
  APPLICATION_NO_PREFIX = 'YJ';
}

export interface IntakeConfig extends ServiceConfig {
  applicationNoPrefix: string;
}

export function readIntakeConfig(env = process.env): IntakeConfig {
  return {
    ...readServiceConfig('intake', env),
    applicationNoPrefix: readEnv(IntakeEnv, env).APPLICATION_NO_PREFIX,
  };
}
