import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { JsonWebTokenError, sign, TokenExpiredError, verify } from 'jsonwebtoken';

import { STAFF_ROLES, StaffClaims, StaffRole } from './staff-claims';

/** ECDSA P-256: intake signs with its private key, every service verifies with the public one. */
export const TOKEN_ALGORITHM = 'ES256';
export const TOKEN_ISSUER = 'joint-intake';
export const TOKEN_AUDIENCE = 'joint-staff';

export type TokenProblem = 'missing' | 'expired' | 'invalid';

export class TokenError extends Error {
  constructor(
    readonly problem: TokenProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Checks staff tokens against the public key from config; no call to intake. */
export class StaffTokenVerifier {
  constructor(private readonly publicKey: KeyObject) {}

  verify(token: string): StaffClaims {
    let payload: unknown;
    try {
      payload = verify(token, this.publicKey, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
    } catch (error) {
      if (error instanceof TokenExpiredError) throw new TokenError('expired', 'token expired');
      if (error instanceof JsonWebTokenError) throw new TokenError('invalid', error.message);
      throw error;
    }
    return claimsOf(payload);
  }
}

/** Signs staff tokens; only intake holds the private key. */
export class StaffTokenSigner {
  constructor(private readonly privateKey: KeyObject) {}

  sign(claims: StaffClaims, ttlSeconds: number): string {
    const { sub, ...rest } = claims;
    return sign(rest, this.privateKey, {
      algorithm: TOKEN_ALGORITHM,
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      subject: sub,
      expiresIn: ttlSeconds,
    });
  }
}

function claimsOf(payload: unknown): StaffClaims {
  if (typeof payload !== 'object' || payload === null) {
    throw new TokenError('invalid', 'token has no claims');
  }
  const { sub, staffId, name, role, scopes } = payload as Record<string, unknown>;
  const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
  const isRole = (v: unknown): v is StaffRole => STAFF_ROLES.includes(v as StaffRole);
  const isList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isText);
  if (!isText(sub) || !isText(staffId) || !isText(name) || !isRole(role) || !isList(scopes)) {
    throw new TokenError('invalid', 'token claims are incomplete');
  }
  return { sub, staffId, name, role, scopes };
}

/** A PEM given inline (with `\n` escapes allowed) or, failing that, read from a file. */
export function readPem(inline: string | undefined, file: string | undefined): string | undefined {
  if (inline) return inline.replace(/\\n/g, '\n');
  if (file) return readFileSync(file, 'utf8');
  return undefined;
}

export function publicKeyFrom(pem: string): KeyObject {
  return createPublicKey(pem);
}

export function privateKeyFrom(pem: string): KeyObject {
  return createPrivateKey(pem);
}
