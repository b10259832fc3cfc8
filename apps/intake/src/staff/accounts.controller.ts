import { Body, Controller, Get, Param, Patch, Post, UseFilters } from '@nestjs/common';

import { StaffOnly } from '@joint/auth';
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
  async update(@Param('username') username: string, @Body() body: unknown): Promise<AccountView> {
    const checked = validatePlain(UpdateAccountRequest, body);
    if (!checked.ok) throw IntakeError.invalid(checked.errors);
    return this.accounts.update(username, checked.value);
  }
}
