import { Counter, Gauge, Histogram, register } from 'prom-client';

import type { OutboxBacklog } from '../outbox/outbox-relay.service';
import type { PartitionLag } from './group-lag';

/**
 * The agreed Prometheus metrics of the messaging library, in prom-client's default registry that
 * `GET /metrics` serves. Each is registered once per process: Nest test apps build the library
 * many times in one process, and prom-client refuses a second metric of the same name.
 */
type LabelNames<L extends string> = readonly L[];

function gauge<L extends string>(name: string, help: string, labelNames: LabelNames<L>) {
  return (
    (register.getSingleMetric(name) as Gauge<L> | undefined) ??
    new Gauge<L>({ name, help, labelNames })
  );
}

function counter<L extends string>(name: string, help: string, labelNames: LabelNames<L>) {
  return (
    (register.getSingleMetric(name) as Counter<L> | undefined) ??
    new Counter<L>({ name, help, labelNames })
  );
}

/** Where the lag gauge reads from: the consumers of this process, while they run. */
const lagSources = new Map<string, () => Promise<PartitionLag[]>>();

export function setConsumerLagSource(
  groupId: string,
  source: (() => Promise<PartitionLag[]>) | undefined,
): void {
  if (source) lagSources.set(groupId, source);
  else lagSources.delete(groupId);
}

/**
 * Read from the broker at scrape time for every partition of the group's
 * topics, as `kafka-consumer-groups --describe` shows it; a broker that does
 * not answer leaves the last values.
 */
export const consumerLag =
  (register.getSingleMetric('joint_consumer_lag') as Gauge<'group' | 'topic' | 'partition'>) ??
  new Gauge({
    name: 'joint_consumer_lag',
    help: 'Messages between the group committed offset and the log end offset',
    labelNames: ['group', 'topic', 'partition'] as const,
    async collect() {
      for (const [group, source] of lagSources) {
        const lags = await source().catch(() => undefined);
        for (const { topic, partition, lag } of lags ?? []) {
          this.set({ group, topic, partition: String(partition) }, Number(lag));
        }
      }
    },
  });

export const consumerUp = gauge(
  'joint_consumer_up',
  '1 while the consumer is running and healthy, 0 otherwise',
  ['group'] as const,
);

export const deadLettersTotal = counter(
  'joint_dead_letters_total',
  'Messages sent to the dead-letter topic',
  ['topic', 'group'] as const,
);

export const eventsAppliedTotal = counter(
  'joint_events_applied_total',
  'Events applied by a handler',
  ['topic', 'group'] as const,
);

export const eventsDuplicateTotal = counter(
  'joint_events_duplicate_total',
  'Events skipped because the inbox already held them',
  ['topic', 'group'] as const,
);

export const eventHandlingSeconds =
  (register.getSingleMetric('joint_event_handling_seconds') as
    Histogram<'topic' | 'group'> | undefined) ??
  new Histogram({
    name: 'joint_event_handling_seconds',
    help: 'Time to apply one chunk of events, retries included',
    labelNames: ['topic', 'group'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
  });

/** Where the outbox gauges read from: the relay of this process, while it runs. */
let backlogSource: (() => Promise<OutboxBacklog>) | undefined;

export function setOutboxBacklogSource(source: (() => Promise<OutboxBacklog>) | undefined): void {
  backlogSource = source;
}

let lastRead: { at: number; backlog: Promise<OutboxBacklog | undefined> } | undefined;

/**
 * Read at scrape time, once for both gauges of one scrape; a database that does not answer
 * leaves the last values.
 */
async function readBacklog(): Promise<OutboxBacklog | undefined> {
  const now = Date.now();
  if (!lastRead || now - lastRead.at > 1_000) {
    lastRead = {
      at: now,
      backlog: backlogSource?.().catch(() => undefined) ?? Promise.resolve(undefined),
    };
  }
  return lastRead.backlog;
}

export const outboxBacklog =
  (register.getSingleMetric('joint_outbox_backlog') as Gauge | undefined) ??
  new Gauge({
    name: 'joint_outbox_backlog',
    help: 'Outbox rows not yet published',
    async collect() {
      const backlog = await readBacklog();
      if (backlog) this.set(backlog.count);
    },
  });

export const outboxOldestAgeSeconds =
  (register.getSingleMetric('joint_outbox_oldest_age_seconds') as Gauge | undefined) ??
  new Gauge({
    name: 'joint_outbox_oldest_age_seconds',
    help: 'Age of the oldest unpublished outbox row, 0 when there is none',
    async collect() {
      const backlog = await readBacklog();
      if (backlog) this.set(backlog.oldestAgeMs / 1000);
    },
  });
