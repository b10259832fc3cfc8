/**
 * PostgreSQL error classes that mean the connection or the server, not the event: connection
 * exceptions (08), operator intervention such as a terminated backend (57P), too many
 * connections (53300) and a database refusing connections (55000 from `ALLOW_CONNECTIONS false`).
 */
const CONNECTION_SQLSTATES = [/^08/, /^57P/, /^53300$/, /^55000$/];

const CONNECTION_MESSAGES = [
  /Connection terminated/i,
  /connection.*(closed|ended|refused|reset|timeout)/i,
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE/,
  /Client has encountered a connection error/i,
];

interface ErrorDetails {
  code?: unknown;
  cause?: unknown;
  driverError?: unknown;
  retriable?: unknown;
}

/**
 * Whether a failure came from losing the database or the broker rather than from the event
 * itself. Such a failure is retried without counting towards the event's attempts.
 */
export function isInfrastructureFailure(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;

  const { code, cause, driverError, retriable } = error as ErrorDetails;
  if (typeof code === 'string' && CONNECTION_SQLSTATES.some((pattern) => pattern.test(code))) {
    return true;
  }
  if (error.name.startsWith('KafkaJS') && isRetriableKafkaError(error.name, retriable)) {
    return true;
  }
  if (CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  return [cause, driverError].some((inner) => isInfrastructureFailure(inner, depth + 1));
}

/** kafkajs gives up on a retriable error with `KafkaJSNumberOfRetriesExceeded`. */
function isRetriableKafkaError(name: string, retriable: unknown): boolean {
  return retriable === true || name === 'KafkaJSNumberOfRetriesExceeded';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
