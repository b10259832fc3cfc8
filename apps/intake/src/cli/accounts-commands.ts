import { Command, Option } from 'commander';

import { STAFF_ROLES, StaffRole } from '@joint/auth';
import { validatePlain } from '@joint/contracts';

import { IntakeError, IntakeErrorCode } from '../applications/intake.error';
import { CreateAccountRequest, UpdateAccountRequest } from '../staff/account-request.dto';
import { AccountView, StaffAccounts } from '../staff/staff-accounts.service';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';

/** Where the commands print; tests capture it. */
export interface Output {
  log(line: string): void;
}

const roleOption = () => new Option('--role <role>', 'the role').choices(STAFF_ROLES);
const scopeOption = () =>
  new Option('--scope <scope...>', 'windows, a utility or departments, by role');

/**
 * `accounts list | create | role | disable | enable | password | seed-demo`: the
 * admin's commands, straight on intake's database (the same rules as the API).
 */
export function accountsProgram(accounts: () => Promise<StaffAccounts>, out: Output): Command {
  const program = new Command('accounts').description("staff accounts in intake's database");
  program.exitOverride();

  program.command('list').action(async () => {
    for (const account of await (await accounts()).list()) out.log(lineOf(account));
  });

  program
    .command('create <username>')
    .addOption(roleOption().makeOptionMandatory())
    .requiredOption('--staff-id <staffId>', 'the staff id recorded on events')
    .requiredOption('--name <name>', 'the person’s name')
    .addOption(scopeOption())
    .addOption(new Option('--password <password>').env('ACCOUNT_PASSWORD').makeOptionMandatory())
    .action(async (username: string, o: CreateOptions) => {
      const request = checked(CreateAccountRequest, {
        ...{ username, role: o.role, staffId: o.staffId, name: o.name },
        ...{ scopes: o.scope ?? [], password: o.password },
      });
      out.log(`created ${lineOf(await (await accounts()).create(request))}`);
    });

  program
    .command('role <username> <role>')
    .addOption(scopeOption())
    .action(async (username: string, role: StaffRole, o: { scope?: string[] }) => {
      const change = checked(UpdateAccountRequest, { role, scopes: o.scope ?? [] });
      out.log(`changed ${lineOf(await (await accounts()).update(username, change))}`);
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    program.command(`${name} <username>`).action(async (username: string) => {
      out.log(`${name}d ${lineOf(await (await accounts()).update(username, { disabled }))}`);
    });
  }

  program
    .command('password <username>')
    .addOption(new Option('--password <password>').env('ACCOUNT_PASSWORD').makeOptionMandatory())
    .action(async (username: string, o: { password: string }) => {
      const change = checked(UpdateAccountRequest, { password: o.password });
      out.log(`password set for ${lineOf(await (await accounts()).update(username, change))}`);
    });

  program
    .command('seed-demo')
    .description('one demo account per role and scope, for local use and tests only')
    .option('--password <password>', 'their password', DEMO_PASSWORD)
    .action(async (o: { password: string }) => {
      await seedDemo(await accounts(), o.password, out);
    });

  return program;
}

interface CreateOptions {
  role: StaffRole;
  staffId: string;
  name: string;
  scope?: string[];
  password: string;
}

async function seedDemo(accounts: StaffAccounts, password: string, out: Output): Promise<void> {
  for (const demo of DEMO_ACCOUNTS) {
    try {
      await accounts.create({ ...demo, scopes: [...demo.scopes], password });
      out.log(`created ${demo.username} (${demo.role})`);
    } catch (error) {
      if (!(error instanceof IntakeError && error.code === IntakeErrorCode.AccountExists)) {
        throw error;
      }
      out.log(`kept    ${demo.username} (${demo.role}): it exists already`);
    }
  }
  out.log(`demo accounts' password: ${password}`);
}

function checked<T extends object>(cls: new () => T, value: object): T {
  const result = validatePlain(cls, value);
  if (result.ok) return result.value;
  const why = result.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  throw new Error(why);
}

function lineOf(account: AccountView): string {
  const state = account.disabled ? 'disabled' : 'enabled';
  return `${account.username}  ${account.role}  [${account.scopes.join(', ')}]  ${state}`;
}
