import 'reflect-metadata';

import { opsKafka } from './kafka-connection';
import { opsProgram } from './ops-commands';
import { runCli } from './run-cli';

void runCli(
  opsProgram(() => opsKafka(), console),
  process.argv.slice(2),
);
