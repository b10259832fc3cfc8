import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';

import { withLogContext } from '@joint/log-context';

/**
 * Adds the route's `:applicationNo` to the log context; route parameters are
 * known only once Nest has matched the route, after every middleware.
 */
@Injectable()
export class LogContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();

    const params = context.switchToHttp().getRequest<Request>().params as Record<string, unknown>;
    const applicationNo = params?.applicationNo;
    if (typeof applicationNo !== 'string') return next.handle();

    // The handler runs when the stream is subscribed to, so subscribe inside the context.
    return new Observable((subscriber) =>
      withLogContext({ applicationNo }, () => next.handle().subscribe(subscriber)),
    );
  }
}
