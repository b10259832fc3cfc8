export enum MessagingErrorCode {
  /** `appendToOutbox` was given a manager outside a transaction. */
  NotInTransaction = 'NOT_IN_TRANSACTION',
  /** A handler was registered in a service configured without a consumer group. */
  NoConsumerGroup = 'NO_CONSUMER_GROUP',
  HandlerAlreadyRegistered = 'HANDLER_ALREADY_REGISTERED',
  /** A handler was registered after the consumer had subscribed. */
  ConsumerAlreadyStarted = 'CONSUMER_ALREADY_STARTED',
  /** The consumer was used before `start` or after `stop`. */
  ConsumerNotStarted = 'CONSUMER_NOT_STARTED',
}

/** A misuse of the messaging library; every one is a programming error, none is retriable. */
export class MessagingError extends Error {
  constructor(
    readonly code: MessagingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MessagingError';
  }
}
