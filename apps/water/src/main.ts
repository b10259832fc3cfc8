import 'reflect-metadata';

import { bootstrapService, ConfigError, readServiceConfig } from '@joint/platform';

import { WaterModule } from './water.module';

async function main(): Promise<void> {
  const config = readServiceConfig('water');
  await bootstrapService(config, WaterModule.register(config));
}

main().catch((error: unknown) => {
  // A bad configuration is the operator's to fix: its message says what, a stack would not help.
  console.error('water failed to start:', error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
