import { Command, Option } from 'commander';
import { Kafka } from 'kafkajs';

import { formatTable } from './consumer-lag';
import { DeadLetter, dlqTopicOf, preview, readAll, replay, ReplayResult } from './dead-letters';

/** What the commands print to; tests capture it. */
export interface Output {
  log(text: string): void;
}

export function formatLetters(letters: readonly DeadLetter[]): string {
  if (letters.length === 0) return 'no dead letters';
  return formatTable(
    ['PARTITION', 'OFFSET', 'KEY', 'ORIGIN', 'GROUP', 'FAILED-AT', 'ATTEMPTS', 'REASON', 'VALUE'],
    letters.map((l) => [
      String(l.partition),
      l.offset,
      l.key ?? '-',
      `${l.originalTopic}:${l.originalPartition}:${l.originalOffset}`,
      l.group || '-',
      l.failedAt || '-',
      l.attempts,
      l.reason.replace(/\s+/g, ' '),
      preview(l.value),
    ]),
  );
}

export function formatReplay(topic: string, result: ReplayResult, dryRun: boolean): string {
  const verb = dryRun ? 'would replay' : 'replayed';
  const lines = result.replayed.map(
    (l) =>
      `${verb} ${l.dlqTopic}:${l.partition}:${l.offset} -> ${l.originalTopic} key=${l.key ?? '-'}`,
  );
  lines.push(
    `${verb} ${result.replayed.length} dead letter(s) of ${dlqTopicOf(topic)}` +
      (result.skipped.length > 0 ? `, skipped ${result.skipped.length} of other groups` : ''),
  );
  return lines.join('\n');
}

/** `dlq list <topic>` and `dlq replay <topic> [--group g] [--dry-run]`. */
export function dlqProgram(kafka: () => Kafka, out: Output): Command {
  const program = new Command('dlq')
    .description('read and replay the dead letters of a topic (<topic>.dlq)')
    .exitOverride();

  program
    .command('list')
    .argument('<topic>', 'the original topic, e.g. utility.progress')
    .description('list the dead letters of <topic>.dlq')
    .action(async (topic: string) => {
      out.log(formatLetters(await readAll(kafka(), dlqTopicOf(topic))));
    });

  program
    .command('replay')
    .argument('<topic>', 'the original topic, e.g. utility.progress')
    .description('publish each dead letter of <topic>.dlq to its original topic, once')
    .addOption(new Option('--group <consumerGroup>', 'only letters dead-lettered by this group'))
    .option('--dry-run', 'show what would be replayed, send and commit nothing', false)
    .action(async (topic: string, options: { group?: string; dryRun: boolean }) => {
      const result = await replay(kafka(), topic, options);
      out.log(formatReplay(topic, result, options.dryRun));
    });

  return program;
}
