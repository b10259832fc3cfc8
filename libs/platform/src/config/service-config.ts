import { plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

import { KeyObject } from 'node:crypto';

import { publicKeyFrom, readPem } from '@joint/auth';
import { Producer, toFieldErrors } from '@joint/contracts';

/** The ports of CONTRACT.md, used when `PORT` is not set. */
export const DEFAULT_PORTS: Record<Producer, number> = {
  intake: 3000,
  power: 3001,
  water: 3002,
  gas: 3003,
  permits: 3004,
};

/**
 * The environment every service reads. Each service adds its own on top;
 * the README's configuration table lists them all.
 */
export class ServiceEnv {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  /** A PostgreSQL server; each service uses its own database on it. */
  @IsString()
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

  /** Prefixed to every database name (`joint_power`), so tests keep their own. */
  @Matches(/^[a-z][a-z0-9_]*$/, {
    message: 'DATABASE_PREFIX must be lower-case letters, digits, _',
  })
  DATABASE_PREFIX = 'joint_';

  /** Comma-separated `host:port` list. */
  @IsString()
  KAFKA_BROKERS = '127.0.0.1:9092';

  /** Prefixed to every consumer group id, so tests keep their own. */
  @IsOptional()
  @IsString()
  KAFKA_GROUP_PREFIX = '';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  KAFKA_TOPIC_PARTITIONS = 6;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  KAFKA_REPLICATION_FACTOR = 1;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** The PEM public key staff tokens are checked with (`\n` escapes allowed). */
  @IsOptional()
  @IsString()
  AUTH_PUBLIC_KEY?: string;

  /** The same, from a file; `AUTH_PUBLIC_KEY` wins when both are set. */
  @IsOptional()
  @IsString()
  AUTH_PUBLIC_KEY_FILE?: string;

  /** Express's `trust proxy` (e.g. `1`, `loopback`), so limits count the caller, not the proxy. */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;
}

export interface ServiceConfig {
  service: Producer;
  port: number;
  databaseServerUrl: string;
  databaseName: string;
  kafkaBrokers: string[];
  groupPrefix: string;
  topicPartitions: number;
  replicationFactor: number;
  logLevel: string;
  /** Absent: the service starts, and every staff endpoint answers 401. */
  authPublicKey?: KeyObject;
  trustProxy?: string | number;
}

export class ConfigError extends Error {}

/**
 * Reads and checks an environment; a bad value stops the service at start
 * with a message naming the variable.
 */
export function readEnv<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv): T {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = plainToInstance(cls, defined, { exposeDefaultValues: true });
  const errors = toFieldErrors(validateSync(parsed));
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.field}: ${e.message}`).join('\n');
    throw new ConfigError(`invalid configuration:\n${lines}`);
  }
  return parsed;
}

export function readServiceConfig(service: Producer, env = process.env): ServiceConfig {
  const read = readEnv(ServiceEnv, env);
  return {
    service,
    port: read.PORT ?? DEFAULT_PORTS[service],
    databaseServerUrl: read.DATABASE_URL,
    databaseName: `${read.DATABASE_PREFIX}${service}`,
    kafkaBrokers: read.KAFKA_BROKERS.split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    groupPrefix: read.KAFKA_GROUP_PREFIX,
    topicPartitions: read.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: read.KAFKA_REPLICATION_FACTOR,
    logLevel: read.LOG_LEVEL,
    authPublicKey: readPublicKey(read),
    trustProxy:
      read.TRUST_PROXY && /^\d+$/.test(read.TRUST_PROXY)
        ? Number(read.TRUST_PROXY)
        : read.TRUST_PROXY,
  };
}

function readPublicKey(read: ServiceEnv): KeyObject | undefined {
  try {
    const pem = readPem(read.AUTH_PUBLIC_KEY, read.AUTH_PUBLIC_KEY_FILE);
    return pem === undefined ? undefined : publicKeyFrom(pem);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`invalid configuration:\n  AUTH_PUBLIC_KEY: ${why}`);
  }
}
