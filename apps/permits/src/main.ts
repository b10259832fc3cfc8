import 'reflect-metadata';

import { bootstrapService, ConfigError, readServiceConfig } from '@joint/platform';

import { PermitsModule } from './permits.module';

async function main(): Promise<void> {
  const config = readServiceConfig('permits');
  await bootstrapService(config, PermitsModule.register(config));
}

main().catch((error: unknown) => {
  // A bad configuration is the operator's to fix: its message says what, a stack would not help.
  console.error('permits failed to start:', error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
