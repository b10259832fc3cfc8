import { Injectable, Logger } from '@nestjs/common';
import { compare, hash } from 'bcryptjs';
import { DataSource } from 'typeorm';

import { StaffClaims } from '@joint/auth';
import { Clock } from '@joint/platform';

import { IntakeError, IntakeErrorCode } from '../applications/intake.error';
import { CreateAccountRequest, scopeErrors, UpdateAccountRequest } from './account-request.dto';
import { StaffAccount } from './staff-account.entity';

/** bcrypt's cost; `AUTH_BCRYPT_COST` lowers it for tests and demos only. */
export const DEFAULT_BCRYPT_COST = 12;

/** An account as the admin API shows it: never the password hash. */
export type AccountView = Omit<StaffAccount, 'passwordHash'>;

/** A hash to compare with when the username is unknown, so both take the same time. */
const NO_SUCH_USER = '$2b$12$poQ3rzYZJa41IQ/wu26CHOcXyWmMWErAWKbSMRHQXuZDjKwzABQ6C';

/** Staff accounts: created and changed by an admin (API or CLI), checked at sign-in. */
@Injectable()
export class StaffAccounts {
  private readonly logger = new Logger(StaffAccounts.name);
  private readonly cost: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    const fromEnv = Number(process.env.AUTH_BCRYPT_COST);
    this.cost = Number.isInteger(fromEnv) && fromEnv >= 4 ? fromEnv : DEFAULT_BCRYPT_COST;
  }

  async create(request: CreateAccountRequest): Promise<AccountView> {
    const errors = scopeErrors(request.role, request.scopes);
    if (errors.length > 0) throw IntakeError.invalid(errors);

    const now = this.clock.now();
    const { password, ...rest } = request;
    const account = Object.assign(new StaffAccount(), {
      ...rest,
      passwordHash: await hash(password, this.cost),
      disabled: false,
      createdAt: now,
      updatedAt: now,
    });
    const inserted = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(StaffAccount)
      .values(account)
      .orIgnore()
      .returning('username')
      .execute();
    if ((inserted.raw as unknown[]).length === 0) {
      throw new IntakeError(IntakeErrorCode.AccountExists, `${request.username} already exists`);
    }
    this.logger.log({ username: account.username, role: account.role }, 'account created');
    return viewOf(account);
  }

  async update(username: string, change: UpdateAccountRequest): Promise<AccountView> {
    const account = await this.dataSource.getRepository(StaffAccount).findOneBy({ username });
    if (!account) throw accountNotFound(username);

    const { password, ...rest } = change;
    // Only what the request gives: a checked DTO also holds its unset fields as undefined.
    Object.assign(account, definedOnly(rest));
    const errors = scopeErrors(account.role, account.scopes);
    if (errors.length > 0) throw IntakeError.invalid(errors);
    if (password) account.passwordHash = await hash(password, this.cost);
    account.updatedAt = this.clock.now();
    await this.dataSource.getRepository(StaffAccount).save(account);
    const changed = Object.keys(definedOnly(rest));
    this.logger.log({ username, changed, password: Boolean(password) }, 'account changed');
    return viewOf(account);
  }

  async list(): Promise<AccountView[]> {
    const accounts = await this.dataSource
      .getRepository(StaffAccount)
      .find({ order: { username: 'ASC' } });
    return accounts.map(viewOf);
  }

  /** The claims of an enabled account whose password matches; `SignInFailed` otherwise. */
  async signIn(username: string, password: string): Promise<StaffClaims> {
    const account = await this.dataSource.getRepository(StaffAccount).findOneBy({ username });
    const matches = await compare(password, account?.passwordHash ?? NO_SUCH_USER);
    if (!account || !matches || account.disabled) {
      throw new IntakeError(IntakeErrorCode.SignInFailed, 'wrong username or password');
    }
    return claimsOf(account);
  }

  /** The current claims of an account, for a refresh; a disabled one gets none. */
  async claimsFor(username: string): Promise<StaffClaims> {
    const account = await this.dataSource.getRepository(StaffAccount).findOneBy({ username });
    if (!account || account.disabled) {
      throw new IntakeError(IntakeErrorCode.SignInFailed, 'the account is disabled or gone');
    }
    return claimsOf(account);
  }
}

function claimsOf(account: StaffAccount): StaffClaims {
  const { username, staffId, name, role, scopes } = account;
  return { sub: username, staffId, name, role, scopes: [...scopes] };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function viewOf(account: StaffAccount): AccountView {
  const { passwordHash: _hidden, ...view } = account;
  return view;
}

function accountNotFound(username: string): IntakeError {
  return new IntakeError(IntakeErrorCode.AccountNotFound, `no account ${username}`);
}
