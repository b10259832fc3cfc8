import type { IncomingMessage, ServerResponse } from 'node:http';

import { withLogContext } from '@joint/log-context';

import { correlationIdOf } from './correlation-id';

/**
 * Runs the rest of the request inside its log context, so every line logged
 * for it, here or in the services it calls, carries its correlation id.
 */
export function runInLogContext(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  withLogContext({ correlationId: correlationIdOf(req, res) }, next);
}
