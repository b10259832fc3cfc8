import { Logger } from '@nestjs/common';
import { Kafka, logCreator, LogEntry, logLevel } from 'kafkajs';

import { MessagingOptions } from '../module/messaging-options';

export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');

/**
 * The idempotent producer warns when its retries are bounded; the relay bounds them on purpose
 * (it retries a whole round itself, so a dead broker cannot hold a transaction open forever).
 */
const EXPECTED_WARNINGS = ['Limiting retries for the idempotent producer'];

/** kafkajs logs through Nest's logger, WARN and above only: its INFO lines are chatter. */
export function createKafkaClient(options: MessagingOptions): Kafka {
  return new Kafka({
    clientId: options.clientId ?? options.producer,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator: nestLogCreator,
  });
}

const nestLogCreator: logCreator = () => {
  const logger = new Logger('Kafka');
  return (entry: LogEntry) => writeEntry(logger, entry);
};

function writeEntry(logger: Logger, { namespace, level, log }: LogEntry): void {
  const { message, ...extra } = log;
  if (EXPECTED_WARNINGS.some((expected) => message.startsWith(expected))) return;

  // Nest's logger stamps its own time and name.
  const fields: Record<string, unknown> = { namespace, ...extra };
  delete fields.timestamp;
  delete fields.logger;
  if (isRetriedResponseError(namespace, message)) logger.debug(fields, message);
  else if (level === logLevel.ERROR || level === logLevel.NOTHING) logger.error(fields, message);
  else if (level === logLevel.WARN) logger.warn(fields, message);
  else if (level === logLevel.INFO) logger.log(fields, message);
  else logger.debug(fields, message);
}

/**
 * kafkajs logs every error response of the broker (a coordinator still loading, a leader moving)
 * as an ERROR, then retries it; the producer or consumer reports the failure if retries run out.
 */
function isRetriedResponseError(namespace: string, message: string): boolean {
  return namespace === 'Connection' && message.startsWith('Response ');
}
