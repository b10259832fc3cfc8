import { generateKeyPairSync } from 'node:crypto';

import { ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { AccessGuard, RequestWithStaff } from './access.guard';
import { ACCESS_RULE, AccessRule } from './access-rule';
import { StaffClaims } from './staff-claims';
import { privateKeyFrom, publicKeyFrom, StaffTokenSigner } from './staff-token';
import { TestTokens } from './testing';

const tokens = new TestTokens();
const publicKey = publicKeyFrom(tokens.env.AUTH_PUBLIC_KEY);

/** A handler carrying `rule`, called with these request headers. */
function contextFor(rule: AccessRule | undefined, headers: Record<string, string>) {
  const handler = () => undefined;
  if (rule) Reflect.defineMetadata(ACCESS_RULE, rule, handler);
  const req = { headers } as unknown as RequestWithStaff;
  const res = { setHeader: jest.fn() };
  const context = {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => class Controller {},
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ExecutionContext;
  return { context, req, res };
}

const guard = (utility?: string) => new AccessGuard(new Reflector(), { publicKey, utility });
const staffRule: AccessRule = { kind: 'staff', roles: ['utility_staff', 'supervisor'] };

describe('AccessGuard', () => {
  it('refuses an endpoint that declares no access rule, whoever calls', () => {
    const { context } = contextFor(undefined, tokens.headers('admin'));

    expect(() => guard().canActivate(context)).toThrow(ForbiddenException);
  });

  it('lets anyone through a public endpoint, and keeps the staff member who signed it', () => {
    const open = contextFor({ kind: 'public' }, {});
    const signed = contextFor({ kind: 'public' }, tokens.headers('window_clerk', ['窗口 1']));

    expect(guard().canActivate(open.context)).toBe(true);
    expect(guard().canActivate(signed.context)).toBe(true);
    expect(signed.req.staff?.scopes).toEqual(['窗口 1']);
  });

  it('never ignores a bad token, even on a public endpoint', () => {
    const { context } = contextFor({ kind: 'public' }, { authorization: 'Bearer nonsense' });

    expect(() => guard().canActivate(context)).toThrow(UnauthorizedException);
  });

  it('answers 401 with a Bearer challenge when a staff endpoint gets no token', () => {
    const { context, res } = contextFor(staffRule, {});

    expect(() => guard().canActivate(context)).toThrow(UnauthorizedException);
    expect(res.setHeader).toHaveBeenCalledWith(
      'WWW-Authenticate',
      expect.stringMatching(/^Bearer/),
    );
  });

  it('answers 403 to a role the endpoint does not name', () => {
    const { context } = contextFor(staffRule, tokens.headers('admin'));

    expect(() => guard().canActivate(context)).toThrow(ForbiddenException);
  });

  it("answers 403 to another utility's staff on a utility's service", () => {
    const own = contextFor(staffRule, tokens.headers('utility_staff', ['power']));
    const other = contextFor(staffRule, tokens.headers('utility_staff', ['water']));

    expect(guard('power').canActivate(own.context)).toBe(true);
    expect(() => guard('power').canActivate(other.context)).toThrow(ForbiddenException);
  });

  it('lets a supervisor read on any utility, since the scope binds utility staff only', () => {
    const { context } = contextFor(staffRule, tokens.headers('supervisor'));

    expect(guard('gas').canActivate(context)).toBe(true);
  });

  it('answers 401 to a token signed with another key, and to an expired one', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const claims: StaffClaims = {
      sub: 'x',
      staffId: 'X-1',
      name: '某人',
      role: 'supervisor',
      scopes: [],
    };
    const forged = new StaffTokenSigner(privateKey).sign(claims, 600);
    const ownKey = privateKeyFrom(tokens.env.AUTH_PRIVATE_KEY);
    const expired = new StaffTokenSigner(ownKey).sign(claims, -10);

    for (const token of [forged, expired]) {
      const { context } = contextFor(staffRule, { authorization: `Bearer ${token}` });
      expect(() => guard().canActivate(context)).toThrow(UnauthorizedException);
    }
  });

  it('answers 401 on every staff endpoint of a service that has no key configured', () => {
    const { context } = contextFor(staffRule, tokens.headers('supervisor'));
    const unconfigured = new AccessGuard(new Reflector(), {});

    expect(() => unconfigured.canActivate(context)).toThrow(UnauthorizedException);
  });
});
