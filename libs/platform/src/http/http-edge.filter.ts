import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpServer,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';

import { HttpEdgeError, HttpEdgeErrorCode } from './http-edge.error';

/** The body of every 500: nothing about the failure itself, only the id to find it in the logs. */
export interface InternalErrorBody {
  error: 'INTERNAL';
  correlationId: string;
}

/**
 * The last word on every HTTP error a service's own filters did not take:
 * requests refused at the edge get `{ errors: [...] }` like any bad form,
 * Nest's HTTP exceptions (404 for an unknown route) keep Nest's answer, and
 * anything else is a 500 that says only the correlation id; its stack goes to
 * the log.
 */
@Catch()
export class HttpEdgeFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(HttpEdgeFilter.name);

  constructor(adapter: HttpServer) {
    super(adapter);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http' || exception instanceof HttpException) {
      return super.catch(exception, host);
    }
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const correlationId = correlationIdOf(req);
    if (res.headersSent) {
      this.logger.error({ correlationId, err: exception }, 'request failed after answering');
      return;
    }

    if (exception instanceof HttpEdgeError) {
      this.logger.warn({ correlationId, code: exception.code }, 'request refused at the edge');
      res.status(statusOf(exception.code)).json({ errors: exception.errors });
      return;
    }
    this.logger.error({ correlationId, err: exception }, 'request failed');
    const body: InternalErrorBody = { error: 'INTERNAL', correlationId };
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json(body);
  }
}

function statusOf(code: HttpEdgeErrorCode): HttpStatus {
  switch (code) {
    case HttpEdgeErrorCode.BodyTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case HttpEdgeErrorCode.UnsupportedMediaType:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case HttpEdgeErrorCode.MalformedBody:
    case HttpEdgeErrorCode.BadShape:
      return HttpStatus.BAD_REQUEST;
  }
}

function correlationIdOf(req: Request): string {
  const id = (req as Request & { id?: unknown }).id;
  return typeof id === 'string' ? id : 'none';
}
