export * from './staff-claims';
export * from './staff-token';
export * from './access-rule';
export * from './auth-options';
export * from './access.guard';
export * from './current-staff.decorator';
export * from './auth.module';
