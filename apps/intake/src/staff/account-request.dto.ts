import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';

import { STAFF_ROLES, StaffRole } from '@joint/auth';
import { FieldError, UTILITIES } from '@joint/contracts';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/** `POST /api/auth/login`. */
export class LoginRequest {
  @Length(1, 64)
  username!: string;

  @Length(1, 200)
  password!: string;
}

/** `POST /api/auth/refresh`. */
export class RefreshRequest {
  @Length(20, 200)
  refreshToken!: string;
}

/** `POST /api/admin/accounts`, and the CLI's `create`. */
export class CreateAccountRequest {
  @Matches(USERNAME, { message: 'username must be 3 to 64 of a-z, 0-9, ".", "_", "-"' })
  username!: string;

  @Length(12, 200, { message: 'password must be 12 to 200 characters' })
  password!: string;

  @Length(1, 64)
  staffId!: string;

  /** Personal data. */
  @Length(1, 64)
  name!: string;

  @IsIn(STAFF_ROLES)
  role!: StaffRole;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  scopes: string[] = [];
}

/** `PATCH /api/admin/accounts/{username}`: re-role, disable, reset the password. */
export class UpdateAccountRequest {
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  scopes?: string[];

  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @IsOptional()
  @Length(12, 200, { message: 'password must be 12 to 200 characters' })
  password?: string;

  @IsOptional()
  @Length(1, 64)
  name?: string;
}

const DEPARTMENT = /^[a-z][a-z0-9_]{0,63}$/;

/** What each role's scopes must be: windows, one utility, departments, or nothing. */
export function scopeErrors(role: StaffRole, scopes: readonly string[]): FieldError[] {
  const problem = (message: string): FieldError[] => [{ field: 'scopes', message }];
  switch (role) {
    case 'window_clerk':
      return scopes.length > 0 ? [] : problem('a window clerk needs the windows it serves');
    case 'utility_staff':
      return scopes.length === 1 && (UTILITIES as readonly string[]).includes(scopes[0])
        ? []
        : problem(`utility staff need exactly one of ${UTILITIES.join(', ')}`);
    case 'department_officer':
      return scopes.length > 0 && scopes.every((s) => DEPARTMENT.test(s))
        ? []
        : problem('a department officer needs one or more department codes');
    case 'supervisor':
    case 'admin':
      return scopes.length === 0 ? [] : problem(`a ${role} has no scopes`);
  }
}
