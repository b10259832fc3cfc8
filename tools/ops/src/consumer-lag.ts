import { Admin } from 'kafkajs';

/** One row of `kafka-consumer-groups --describe`: a group's position on one partition. */
export interface LagRow {
  group: string;
  topic: string;
  partition: number;
  /** null when the group has committed nothing there yet. */
  committed: string | null;
  logEnd: string;
  lag: string;
}

/** Every group's (or one group's) committed offset, log end offset and lag per partition. */
export async function describeLag(admin: Admin, onlyGroup?: string): Promise<LagRow[]> {
  const groups = onlyGroup ? [onlyGroup] : (await admin.listGroups()).groups.map((g) => g.groupId);
  const rows: LagRow[] = [];
  for (const group of groups.sort()) rows.push(...(await groupLag(admin, group)));
  return rows;
}

async function groupLag(admin: Admin, group: string): Promise<LagRow[]> {
  const committed = await admin.fetchOffsets({ groupId: group });
  const rows: LagRow[] = [];
  for (const { topic, partitions } of committed) {
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high] as const),
    );
    for (const { partition, offset } of partitions) {
      rows.push(lagRow(group, topic, partition, offset, ends.get(partition) ?? '0'));
    }
  }
  return rows.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

/** Kafka answers -1 for a partition the group has not committed on; its lag is the whole log. */
export function lagRow(
  group: string,
  topic: string,
  partition: number,
  offset: string,
  logEnd: string,
): LagRow {
  const committed = BigInt(offset) < 0n ? null : offset;
  const lag = BigInt(logEnd) - BigInt(committed ?? '0');
  return { group, topic, partition, committed, logEnd, lag: String(lag > 0n ? lag : 0n) };
}

/** A fixed-width table, the columns of `kafka-consumer-groups --describe`. */
export function formatLagTable(rows: readonly LagRow[]): string {
  if (rows.length === 0) return 'no consumer group has committed offsets';
  return formatTable(
    ['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG'],
    rows.map((r) => [r.group, r.topic, String(r.partition), r.committed ?? '-', r.logEnd, r.lag]),
  );
}

export function formatTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
