import { Admin, Kafka } from 'kafkajs';

export interface PartitionLag {
  topic: string;
  partition: number;
  /** The group's committed offset; -1 when it has committed nothing there yet. */
  committed: bigint;
  logEnd: bigint;
  lag: bigint;
}

/**
 * A group's lag on every partition of its topics, as Kafka's consumer-groups
 * tool computes it: log end offset minus committed offset. Partitions that
 * never delivered a message show too, with lag 0, so a quiet partition is
 * told apart from a missing one. Nothing committed yet counts from the log
 * start, which is where a new group reads from.
 */
export async function readGroupLag(
  admin: Admin,
  groupId: string,
  topics: string[],
): Promise<PartitionLag[]> {
  const committed = await admin.fetchOffsets({ groupId, topics });
  const lags = await Promise.all(
    committed.map(async ({ topic, partitions }) => {
      const ends = await admin.fetchTopicOffsets(topic);
      return ends.map((end) => {
        const offset = BigInt(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
        const from = offset >= 0n ? offset : BigInt(end.low);
        const logEnd = BigInt(end.high);
        const lag = logEnd > from ? logEnd - from : 0n;
        return { topic, partition: end.partition, committed: offset, logEnd, lag };
      });
    }),
  );
  return lags.flat();
}

/** One admin client per consumer, connected on first use and kept, for scrapes. */
export class LagReader {
  private admin?: Promise<Admin>;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly topics: () => string[],
  ) {}

  async read(): Promise<PartitionLag[]> {
    const admin = await this.connected();
    return readGroupLag(admin, this.groupId, this.topics());
  }

  async close(): Promise<void> {
    const admin = await this.admin?.catch(() => undefined);
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }

  private connected(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }
}
