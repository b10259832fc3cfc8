import { generateKeyPairSync } from 'node:crypto';

import { StaffRole } from './staff-claims';
import { privateKeyFrom, StaffTokenSigner } from './staff-token';

/**
 * For tests that run a service in-process: a key pair of their own, the
 * environment that makes the service trust it, and tokens signed with it.
 * Not exported from `@joint/auth`: import `@joint/auth/testing`.
 */
export class TestTokens {
  readonly env: Record<string, string>;
  private readonly signer: StaffTokenSigner;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    this.env = { AUTH_PUBLIC_KEY: publicKey, AUTH_PRIVATE_KEY: privateKey };
    this.signer = new StaffTokenSigner(privateKeyFrom(privateKey));
  }

  /** The `Authorization` header of someone with this role and these scopes. */
  headers(role: StaffRole, scopes: string[] = [], staffId = `T-${role}`): Record<string, string> {
    const claims = { sub: `test.${role}`, staffId, name: `测试 ${role}`, role, scopes };
    return { authorization: `Bearer ${this.signer.sign(claims, 600)}` };
  }
}
