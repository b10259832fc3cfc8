import { Admin } from 'kafkajs';

import { deadLetterTopicOf, Topic } from '@joint/contracts';

export interface TopicLayout {
  partitions: number;
  replicationFactor: number;
}

/**
 * Creates each topic and its dead-letter topic where missing. Safe to call from every
 * instance at every start: a topic that exists is left as it is, even with another layout.
 * Returns the names that were missing when it looked.
 */
export async function ensureTopics(
  admin: Admin,
  topics: readonly Topic[],
  layout: TopicLayout,
): Promise<string[]> {
  const wanted = topics.flatMap((topic) => [topic, deadLetterTopicOf(topic)]);
  const missing = await missingTopics(admin, wanted);
  if (missing.length === 0) return [];

  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: layout.partitions,
        replicationFactor: layout.replicationFactor,
      })),
    });
  } catch (error) {
    // Another instance starting at the same moment may have created some of them first;
    // kafkajs then fails the whole call although every topic now exists.
    if ((await missingTopics(admin, wanted)).length > 0) throw error;
  }
  return missing;
}

async function missingTopics(admin: Admin, wanted: readonly string[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  return wanted.filter((name) => !existing.has(name));
}
