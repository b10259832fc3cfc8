import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';

import { ACCESS_RULE, AccessRule } from './access-rule';
import { AUTH_OPTIONS, AuthOptions } from './auth-options';
import { StaffClaims, StaffRole } from './staff-claims';
import { StaffTokenVerifier, TokenError } from './staff-token';

export type RequestWithStaff = Request & { staff?: StaffClaims };

/**
 * The one check in front of every endpoint of every service: its access rule,
 * the staff token's signature and expiry, the role, and on a utility's service
 * the utility scope. Finer scopes (a clerk's windows, an officer's departments)
 * are the endpoint's to check, since they depend on what is asked for.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly verifier?: StaffTokenVerifier;

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {
    if (options.publicKey) this.verifier = new StaffTokenVerifier(options.publicKey);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new ForbiddenException('this endpoint has no access rule');

    const http = context.switchToHttp();
    const req = http.getRequest<RequestWithStaff>();
    const token = bearerTokenOf(req);
    if (rule.kind === 'public' || rule.kind === 'applicant') {
      // A clerk entering a form at a window, or a supervisor reading a progress view, signs
      // the request; a bad token is never ignored.
      if (token !== undefined) req.staff = this.verify(token, http.getResponse<Response>());
      return true;
    }

    if (token === undefined)
      throw unauthorized(http.getResponse<Response>(), 'sign in: a staff token is needed');
    const staff = this.verify(token, http.getResponse<Response>());
    req.staff = staff;
    this.checkRole(staff, rule.roles);
    return true;
  }

  private verify(token: string, res: Response): StaffClaims {
    if (!this.verifier) throw unauthorized(res, 'staff sign-in is not configured on this service');
    try {
      return this.verifier.verify(token);
    } catch (error) {
      if (error instanceof TokenError) throw unauthorized(res, `${error.problem} token`);
      throw error;
    }
  }

  private checkRole(staff: StaffClaims, roles: readonly StaffRole[]): void {
    if (!roles.includes(staff.role)) {
      throw new ForbiddenException(`the role ${staff.role} may not do this`);
    }
    const { utility } = this.options;
    if (utility && staff.role === 'utility_staff' && !staff.scopes.includes(utility)) {
      throw new ForbiddenException(`not staff of ${utility}`);
    }
  }
}

function bearerTokenOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : '';
}

function unauthorized(res: Response, message: string): UnauthorizedException {
  res.setHeader('WWW-Authenticate', 'Bearer realm="joint"');
  return new UnauthorizedException(message);
}
