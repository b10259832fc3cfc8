import type { Request } from 'express';

/**
 * The client a limit counts against: its address as Express sees it (behind a
 * proxy, set `TRUST_PROXY` so this is the caller's, not the proxy's).
 */
export function clientOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
