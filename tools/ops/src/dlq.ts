import 'reflect-metadata';

import { dlqProgram } from './dlq-commands';
import { opsKafka } from './kafka-connection';
import { runCli } from './run-cli';

void runCli(
  dlqProgram(() => opsKafka(), console),
  process.argv.slice(2),
);
