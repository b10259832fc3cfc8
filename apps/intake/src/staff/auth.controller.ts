import { Body, Controller, HttpCode, HttpStatus, Post, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';

import { Public } from '@joint/auth';
import { validatePlain } from '@joint/contracts';

import { AccessLimits } from '../access-limits/access-limits.service';
import { clientOf } from '../access-limits/client-of';
import { IntakeError } from '../applications/intake.error';
import { IntakeErrorFilter } from '../applications/intake-error.filter';
import { LoginRequest, RefreshRequest } from './account-request.dto';
import { StaffTokens, TokenPair } from './staff-tokens.service';

/** Staff sign in here; the token works on every service. */
@Controller('api/auth')
@Public()
@UseFilters(IntakeErrorFilter)
export class AuthController {
  constructor(
    private readonly tokens: StaffTokens,
    private readonly limits: AccessLimits,
  ) {}

  @Post('login')
  @HttpCode(HttpStatus.OK)
  async login(@Body() body: unknown, @Req() req: Request): Promise<TokenPair> {
    const checked = validatePlain(LoginRequest, body);
    if (!checked.ok) throw IntakeError.invalid(checked.errors);

    const { username, password } = checked.value;
    return this.limits.signIn(username, clientOf(req), () =>
      this.tokens.signIn(username, password),
    );
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  async refresh(@Body() body: unknown): Promise<TokenPair> {
    const checked = validatePlain(RefreshRequest, body);
    if (!checked.ok) throw IntakeError.invalid(checked.errors);
    return this.tokens.refresh(checked.value.refreshToken);
  }
}
