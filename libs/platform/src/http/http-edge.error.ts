import type { FieldError } from '@joint/contracts';

export enum HttpEdgeErrorCode {
  BodyTooLarge = 'BODY_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  MalformedBody = 'MALFORMED_BODY',
  BadShape = 'BAD_SHAPE',
}

/**
 * A request refused at the HTTP edge, before any controller saw it: the body
 * was too big, not JSON, not parseable, nested too deep or
 * holding text that cannot be stored.
 */
export class HttpEdgeError extends Error {
  constructor(
    readonly code: HttpEdgeErrorCode,
    readonly errors: FieldError[],
  ) {
    super(errors.map((e) => e.message).join('; '));
  }

  static ofBody(code: HttpEdgeErrorCode, message: string): HttpEdgeError {
    return new HttpEdgeError(code, [{ field: BODY_FIELD, message }]);
  }
}

/** The field name of errors about the body as a whole, as intake's form validation uses it. */
export const BODY_FIELD = '(body)';
