import type { IncomingMessage } from 'node:http';

import { DynamicModule } from '@nestjs/common';
import { LoggerModule, Params } from 'nestjs-pino';

import { PERSONAL_DATA_FIELDS } from '@joint/contracts';
import { currentLogContext } from '@joint/log-context';

import { ServiceConfig } from '../config/service-config';
import { correlationIdOf } from './correlation-id';

export { CORRELATION_HEADER } from './correlation-id';

/** The contract's personal-data properties: a person's name or phone. */
const PERSONAL_FIELDS = [...new Set(PERSONAL_DATA_FIELDS.flatMap((f) => f.properties))];

/**
 * Paths of personal data that must never reach a log line: the headers that
 * carry a phone, the fields of the form wherever a log object holds them (up to
 * the depth of an event's `data.form.enterprise`), and the request body should
 * anyone ever log it.
 */
export const REDACTED_PATHS = [
  'req.headers["x-contact-phone"]',
  'req.headers.authorization',
  'req.body',
  ...PERSONAL_FIELDS.flatMap((field) => [
    field,
    `*.${field}`,
    `*.*.${field}`,
    `*.*.*.${field}`,
    `*.*.*.*.${field}`,
  ]),
];

/**
 * JSON logs, one line each. Every line carries the log context in force
 * (`correlationId`, `applicationNo`), so a request's or an event's lines can be
 * found by either.
 */
export function loggerModule(config: ServiceConfig): DynamicModule {
  return LoggerModule.forRoot(loggerParams(config));
}

export function loggerParams(config: Pick<ServiceConfig, 'service' | 'logLevel'>): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      base: { service: config.service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin: () => ({ ...currentLogContext() }),
      genReqId: correlationIdOf,
      // Asked again when the response is done, when Express knows the route's parameters.
      customProps: applicationNoOf,
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
      },
    },
  };
}

function applicationNoOf(req: IncomingMessage & { params?: Record<string, unknown> }) {
  const applicationNo = req.params?.applicationNo;
  return typeof applicationNo === 'string' ? { applicationNo } : {};
}
