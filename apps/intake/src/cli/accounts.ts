import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { ensureDatabase, SystemClock, typeOrmOptions, withMessagingTables } from '@joint/platform';

import { readIntakeConfig } from '../config/intake-config';
import { INTAKE_SCHEMA } from '../intake.module';
import { StaffAccounts } from '../staff/staff-accounts.service';
import { accountsProgram } from './accounts-commands';

/** `npm run accounts -- <command>`: see accounts-commands.ts and the README. */
async function main(): Promise<void> {
  let dataSource: DataSource | undefined;
  const accounts = async (): Promise<StaffAccounts> => {
    const config = readIntakeConfig();
    await ensureDatabase(config.databaseServerUrl, config.databaseName);
    const { entities, migrations } = withMessagingTables(INTAKE_SCHEMA);
    dataSource = new DataSource(
      typeOrmOptions(config, entities, migrations) as ConstructorParameters<typeof DataSource>[0],
    );
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    return new StaffAccounts(dataSource, new SystemClock());
  };
  try {
    await accountsProgram(accounts, console).parseAsync(process.argv.slice(2), { from: 'user' });
  } finally {
    await dataSource?.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof Error && error.name === 'CommanderError') {
    process.exitCode = (error as Error & { exitCode: number }).exitCode;
    return;
  }
  console.error('accounts failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
