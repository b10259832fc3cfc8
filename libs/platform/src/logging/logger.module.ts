import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

import { ServiceConfig } from '../config/service-config';

export const CORRELATION_HEADER = 'x-correlation-id';

/** Paths of personal data that must never reach a log line. */
const REDACTED = [
  'req.headers["x-contact-phone"]',
  'req.headers.authorization',
  '*.contactPhone',
  '*.contactName',
  '*.phone',
];

/** JSON logs, one line each, with the request's correlation id. */
export function loggerModule(config: ServiceConfig): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.logLevel,
      base: { service: config.service },
      redact: { paths: REDACTED, censor: '[redacted]' },
      genReqId: correlationIdOf,
      customProps: (req) => ({ correlationId: req.id }),
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
      },
    },
  });
}

function correlationIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
  res.setHeader(CORRELATION_HEADER, id);
  return id;
}
