import type { NextFunction, Request, Response } from 'express';

import { HttpEdgeError, HttpEdgeErrorCode } from './http-edge.error';
import { findBadShape } from './body-shape';

/** Request bodies above this are refused with 413; a form is a few kilobytes. */
export const BODY_LIMIT_KB = 64;

/** Deeper than this a body is refused; the form itself nests three levels. */
export const MAX_NESTING = 8;

/** Methods whose body a service reads. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** What body-parser sets on its errors (see its README, "Errors"). */
interface BodyParserError {
  type: string;
  status?: number;
  charset?: string;
  encoding?: string;
}

/**
 * Refuses a URL with an encoded NUL: Express decodes it into route parameters
 * that no database query can take.
 */
export function refuseNulInUrl(req: Request, _res: Response, next: NextFunction): void {
  if (!/%00/.test(req.url)) return next();

  next(
    new HttpEdgeError(HttpEdgeErrorCode.BadShape, [
      { field: '(url)', message: 'holds a NUL character' },
    ]),
  );
}

/** Refuses a body that is not JSON before anything reads it. */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  // `req.is` answers null when the request has no body at all.
  if (!BODY_METHODS.has(req.method) || req.is('application/json') !== false) return next();

  const type = (req.headers['content-type'] ?? '(none)').slice(0, 100);
  next(
    HttpEdgeError.ofBody(
      HttpEdgeErrorCode.UnsupportedMediaType,
      `the content type ${type} is not accepted; send application/json`,
    ),
  );
}

/**
 * Turns body-parser's errors into `HttpEdgeError`s, so the edge filter answers
 * them in the services' shape; anything else passes on untouched.
 */
export function translateBodyErrors(
  error: unknown,
  _req: Request,
  _res: Response,
  next: NextFunction,
): void {
  next(isBodyParserError(error) ? (toEdgeError(error) ?? error) : error);
}

/**
 * Refuses bodies nested deeper than `MAX_NESTING`, or holding text no database
 * could store, before class-transformer walks them.
 */
export function checkBodyShape(req: Request, _res: Response, next: NextFunction): void {
  const bad = findBadShape(req.body, MAX_NESTING);
  next(bad && new HttpEdgeError(HttpEdgeErrorCode.BadShape, [bad]));
}

function toEdgeError(error: BodyParserError): HttpEdgeError | undefined {
  switch (error.type) {
    case 'entity.too.large':
      return HttpEdgeError.ofBody(
        HttpEdgeErrorCode.BodyTooLarge,
        `the body is larger than ${BODY_LIMIT_KB} KB`,
      );
    case 'entity.parse.failed':
      // The parser's own message quotes the body, which may hold personal data.
      return HttpEdgeError.ofBody(
        HttpEdgeErrorCode.MalformedBody,
        'the body is not a valid JSON object or array',
      );
    case 'charset.unsupported':
      return HttpEdgeError.ofBody(
        HttpEdgeErrorCode.UnsupportedMediaType,
        `the charset ${error.charset ?? ''} is not accepted; send UTF-8`,
      );
    case 'encoding.unsupported':
      return HttpEdgeError.ofBody(
        HttpEdgeErrorCode.UnsupportedMediaType,
        `the content encoding ${error.encoding ?? ''} is not accepted`,
      );
    default:
      return (error.status ?? 500) < 500
        ? HttpEdgeError.ofBody(HttpEdgeErrorCode.MalformedBody, 'the body could not be read')
        : undefined;
  }
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' && error !== null && typeof Reflect.get(error, 'type') === 'string'
  );
}
