import { KeyObject } from 'node:crypto';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export interface AuthOptions {
  /** The key staff tokens are checked with; without it every staff endpoint answers 401. */
  publicKey?: KeyObject;
  /** On a utility's own service: utility staff must have this utility in their scopes. */
  utility?: string;
}
