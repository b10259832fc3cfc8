import 'reflect-metadata';

import { bootstrapService } from '@joint/platform';

import { readIntakeConfig } from './config/intake-config';
import { IntakeModule } from './intake.module';

async function main(): Promise<void> {
  const config = readIntakeConfig();
  await bootstrapService(config, IntakeModule.register(config));
}

main().catch((error: unknown) => {
  console.error('intake failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
