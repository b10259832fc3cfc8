import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';

/** What a caller may send as its own id; anything else gets a fresh one. */
const GIVEN_ID = /^[\w.:-]{1,100}$/;

type IdentifiedRequest = IncomingMessage & { id?: unknown };

/**
 * The request's correlation id: the one already given to it, the caller's
 * `X-Correlation-Id`, or a new one; echoed on the response either way.
 */
export function correlationIdOf(req: IdentifiedRequest, res: ServerResponse): string {
  if (typeof req.id === 'string') return req.id;

  const given = req.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
  req.id = id;
  if (!res.headersSent) res.setHeader(CORRELATION_HEADER, id);
  return id;
}
