import { createHash, randomBytes } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';

import { StaffClaims, StaffTokenSigner } from '@joint/auth';
import { Clock } from '@joint/platform';

import { IntakeError, IntakeErrorCode } from '../applications/intake.error';
import { INTAKE_CONFIG } from '../config/intake-config.provider';
import { IntakeConfig } from '../config/intake-config';
import { RefreshToken } from './refresh-token.entity';
import { StaffAccounts } from './staff-accounts.service';

/** What sign-in and refresh answer. */
export interface TokenPair {
  tokenType: 'Bearer';
  accessToken: string;
  /** Seconds the access token is good for. */
  expiresIn: number;
  refreshToken: string;
  role: StaffClaims['role'];
  scopes: string[];
}

/**
 * Issues short-lived signed access tokens, which every service checks on its
 * own, and refresh tokens, kept here as hashes and replaced on each use.
 */
@Injectable()
export class StaffTokens {
  private readonly signer?: StaffTokenSigner;

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: StaffAccounts,
    private readonly clock: Clock,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
  ) {
    if (config.authPrivateKey) this.signer = new StaffTokenSigner(config.authPrivateKey);
  }

  async signIn(username: string, password: string): Promise<TokenPair> {
    const signer = this.requireSigner();
    const claims = await this.accounts.signIn(username, password);
    return this.dataSource.transaction((manager) => this.issue(manager, signer, claims));
  }

  /** A new pair for a refresh token not used before; the account's role is read afresh. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const signer = this.requireSigner();
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(RefreshToken, {
        where: { tokenHash: hashOf(refreshToken), usedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!found || found.expiresAt <= this.clock.now()) {
        throw new IntakeError(IntakeErrorCode.SignInFailed, 'the refresh token is not valid');
      }
      found.usedAt = this.clock.now();
      await manager.save(found);
      const claims = await this.accounts.claimsFor(found.username);
      return this.issue(manager, signer, claims);
    });
  }

  private async issue(
    manager: EntityManager,
    signer: StaffTokenSigner,
    claims: StaffClaims,
  ): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(
      this.clock.now().getTime() + this.config.refreshTokenTtlSeconds * 1000,
    );
    await manager.insert(RefreshToken, {
      tokenHash: hashOf(refreshToken),
      username: claims.sub,
      expiresAt,
      usedAt: null,
    });
    const expiresIn = this.config.accessTokenTtlSeconds;
    return {
      tokenType: 'Bearer',
      accessToken: signer.sign(claims, expiresIn),
      expiresIn,
      refreshToken,
      role: claims.role,
      scopes: claims.scopes,
    };
  }

  private requireSigner(): StaffTokenSigner {
    if (this.signer) return this.signer;
    throw new IntakeError(
      IntakeErrorCode.SignInFailed,
      'sign-in is not configured: set AUTH_PRIVATE_KEY or AUTH_PRIVATE_KEY_FILE on intake',
    );
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
