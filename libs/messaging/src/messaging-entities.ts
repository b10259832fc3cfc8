import { InboxRecord } from './inbox/inbox-record.entity';
import { CreateMessagingTables1764750000000 } from './migrations/1764750000000-create-messaging-tables.migration';
import { OutboxMessage } from './outbox/outbox-message.entity';

/** Add these to the app's TypeORM `entities`. */
export const MESSAGING_ENTITIES = [OutboxMessage, InboxRecord];

/** Add these to the app's TypeORM `migrations`, before the app's own. */
export const MESSAGING_MIGRATIONS = [CreateMessagingTables1764750000000];
