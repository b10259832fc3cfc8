import { HttpAdapterHost } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

import { LogContextInterceptor } from '../logging/log-context.interceptor';
import { runInLogContext } from '../logging/log-context.middleware';
import {
  BODY_LIMIT_KB,
  checkBodyShape,
  refuseNulInUrl,
  requireJsonBody,
  translateBodyErrors,
} from './request-guards.middleware';
import { HttpEdgeFilter } from './http-edge.filter';

/**
 * What every service's HTTP edge does before and after its controllers, in
 * this order: give the request its correlation id and log context; refuse a
 * URL with a NUL (400), a body that is not JSON (415), too large (413), or
 * malformed, nested too deep or unstorable (400); answer every error no
 * controller handled in one shape. Call before `listen`: these run ahead of
 * the module's own middleware.
 */
export function configureHttpEdge(app: NestExpressApplication): void {
  app.use(runInLogContext);
  app.use(noSniff);
  app.use(refuseNulInUrl);
  app.use(requireJsonBody);
  app.useBodyParser('json', { limit: `${BODY_LIMIT_KB}kb`, type: 'application/json' });
  app.use(translateBodyErrors);
  app.use(checkBodyShape);

  app.useGlobalInterceptors(new LogContextInterceptor());
  app.useGlobalFilters(new HttpEdgeFilter(app.get(HttpAdapterHost).httpAdapter));
}

/** Browsers must take a JSON answer as JSON, never sniff it into HTML. */
function noSniff(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
}
