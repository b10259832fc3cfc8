import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line says about the work in hand: the correlation id that
 * started it (an HTTP request, or the event that caused this one) and the
 * application it is about.
 */
export interface LogContext {
  correlationId?: string;
  applicationNo?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` with `context` added to whatever context is already in force. */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, work);
}

/** The context in force, for the logger's mixin; empty outside any work. */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
