import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';

import type { RequestWithStaff } from './access.guard';
import { StaffClaims } from './staff-claims';

/** The signed-in staff member of a staff endpoint, as the guard checked them. */
export const SignedInStaff = createParamDecorator(
  (_data: unknown, context: ExecutionContext): StaffClaims => {
    const staff = context.switchToHttp().getRequest<RequestWithStaff>().staff;
    if (!staff) throw new UnauthorizedException('sign in: a staff token is needed');
    return staff;
  },
);

/** On a public endpoint: the staff member who signed the request, if anyone did. */
export const OptionalStaff = createParamDecorator(
  (_data: unknown, context: ExecutionContext): StaffClaims | undefined =>
    context.switchToHttp().getRequest<RequestWithStaff>().staff,
);
