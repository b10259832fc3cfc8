import 'reflect-metadata';

import { bootstrapService, ConfigError, readServiceConfig } from '@joint/platform';

import { PowerModule } from './power.module';

async function main(): Promise<void> {
  const config = readServiceConfig('power');
  await bootstrapService(config, PowerModule.register(config));
}

main().catch((error: unknown) => {
  // A bad configuration is the operator's to fix: its message says what, a stack would not help.
  console.error('power failed to start:', error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
