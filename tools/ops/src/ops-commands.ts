import { Command } from 'commander';
import { Kafka } from 'kafkajs';

import { describeLag, formatLagTable } from './consumer-lag';
import { Output } from './dlq-commands';

/** `ops lag [--group g]`: each group's lag per topic and partition. */
export function opsProgram(kafka: () => Kafka, out: Output): Command {
  const program = new Command('ops').description('look at the cluster as the services use it');
  program.exitOverride();

  program
    .command('lag')
    .description('committed offset, log end offset and lag of each consumer group')
    .option('--group <consumerGroup>', 'only this group')
    .action(async (options: { group?: string }) => {
      const admin = kafka().admin();
      await admin.connect();
      try {
        out.log(formatLagTable(await describeLag(admin, options.group)));
      } finally {
        await admin.disconnect();
      }
    });

  return program;
}
