import { Body, Controller, Get, Param, Patch, Post, UseFilters } from '@nestjs/common';

import { SignedInStaff, StaffClaims, StaffOnly } from '@joint/auth';
import { validatePlain } from '@joint/contracts';

import { IntakeError } from '../applications/intake.error';
import { IntakeErrorFilter } from '../applications/intake-error.filter';
import { CreateAccountRequest, UpdateAccountRequest } from './account-request.dto';
import { AccountView, StaffAccounts } from './staff-accounts.service';

/** The admin's desk: accounts, and nothing else. */
@Controller('api/admin/accounts')
@StaffOnly('admin')
@UseFilters(IntakeErrorFilter)
export class AccountsController {
  constructor(private readonly accounts: StaffAccounts) {}

  @Get()
  async list(): Promise<{ items: AccountView[] }> {
    return { items: await this.accounts.list() };
  }

  @Post()
  async create(@Body() body: unknown): Promise<AccountView> {
    const checked = validatePlain(CreateAccountRequest, body);
    if (!checked.ok) throw IntakeError.invalid(checked.errors);
    return this.accounts.create(checked.value);
  }

  @Patch(':username')
  async update(
    @Param('username') username: string,
    @Body() body: unknown,
    @SignedInStaff() admin: StaffClaims,
  ): Promise<AccountView> {
    const checked = validatePlain(UpdateAccountRequest, body);
    if (!checked.ok) throw IntakeError.invalid(checked.errors);
    const { disabled, role } = checked.value;
    // Else the only admin can lock everyone out of the accounts until someone has the CLI.
    if (username === admin.sub && (disabled === true || (role && role !== 'admin'))) {
      throw IntakeError.outsideScope('an admin may not disable or re-role their own account');
    }
    return this.accounts.update(username, checked.value);
  }
}
