import { Kafka, logLevel } from 'kafkajs';

import { FaultStack } from '../support/fault-stack';
import { SERVICES } from '../support/stack';

/**
 * What is still in flight: outbox rows not yet published, and messages the stack's consumer
 * groups have not committed. Zero for both means a late duplicate can no longer turn up.
 */
export interface InFlight {
  unpublished: number;
  lag: number;
}

export async function inFlight(stack: FaultStack): Promise<InFlight> {
  let unpublished = 0;
  for (const service of SERVICES) {
    const [row] = await stack.query<{ n: number }>(
      service,
      'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
    );
    unpublished += row.n;
  }
  return { unpublished, lag: await consumerLag(stack) };
}

/** Summed over every group of the stack and every partition it has committed on. */
async function consumerLag(stack: FaultStack): Promise<number> {
  const kafka = new Kafka({
    clientId: 'fault-test-lag',
    brokers: [stack.broker.brokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const ours = groups.filter((g) => g.groupId.startsWith(stack.groupPrefix));
    let lag = 0;
    for (const { groupId } of ours) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        const ends = new Map(
          (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]),
        );
        for (const { partition, offset } of partitions) {
          lag += Math.max(0, (ends.get(partition) ?? 0) - Math.max(0, Number(offset)));
        }
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}
