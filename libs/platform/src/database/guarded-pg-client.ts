import { Logger } from '@nestjs/common';
import { Client, ClientConfig } from 'pg';

const logger = new Logger('PostgresConnection');

/**
 * A pg client that always has an `error` listener. pg reports a connection the
 * server dropped (a restart, `pg_terminate_backend`) as an `error` event, and
 * one with no listener kills the process. pg-pool listens only while a client
 * sits idle, and TypeORM's query runner stops listening once it has released
 * the client after a first error, so a second report, or one in between, had
 * nobody to hear it. The query in flight still rejects on its own and the pool
 * drops a client that is no longer queryable, so hearing the event is enough.
 */
export class GuardedPgClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', (error: Error) => {
      logger.warn({ error: error.message }, 'database connection lost');
    });
  }
}
