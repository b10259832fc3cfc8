import { Kafka } from 'kafkajs';

import { formatLagTable, lagRow } from './consumer-lag';
import { dlqProgram } from './dlq-commands';

describe('lagRow', () => {
  it('is the log end minus the committed offset', () => {
    expect(lagRow('g', 't', 0, '5', '12')).toMatchObject({ committed: '5', lag: '7' });
  });

  it('counts the whole log for a partition the group never committed on', () => {
    expect(lagRow('g', 't', 1, '-1', '4')).toMatchObject({ committed: null, lag: '4' });
  });
});

describe('formatLagTable', () => {
  it('prints aligned columns like kafka-consumer-groups --describe', () => {
    const table = formatLagTable([lagRow('intake', 'utility.progress', 0, '5', '12')]);

    expect(table.split('\n')).toEqual([
      'GROUP   TOPIC             PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG',
      'intake  utility.progress  0          5               12              7',
    ]);
  });
});

describe('dlqProgram', () => {
  it('refuses a command without its topic', async () => {
    const program = dlqProgram(() => new Kafka({ brokers: ['unused:1'] }), { log: jest.fn() });
    program.configureOutput({ writeErr: () => undefined });

    await expect(program.parseAsync(['list'], { from: 'user' })).rejects.toMatchObject({
      code: 'commander.missingArgument',
    });
  });
});
