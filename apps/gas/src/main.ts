import 'reflect-metadata';

import { bootstrapService, ConfigError, readServiceConfig } from '@joint/platform';

import { GasModule } from './gas.module';

async function main(): Promise<void> {
  const config = readServiceConfig('gas');
  await bootstrapService(config, GasModule.register(config));
}

main().catch((error: unknown) => {
  // A bad configuration is the operator's to fix: its message says what, a stack would not help.
  console.error('gas failed to start:', error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
