import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';

import { AccessGuard } from './access.guard';
import { AUTH_OPTIONS, AuthOptions } from './auth-options';

/** Puts the access guard in front of every endpoint of the service. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [AUTH_OPTIONS],
    };
  }
}
