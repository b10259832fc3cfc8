import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

import { IntakeError, IntakeErrorCode } from '../applications/intake.error';
import { INTAKE_CONFIG } from '../config/intake-config.provider';
import { IntakeConfig } from '../config/intake-config';
import { longestWait, WrongTries } from './wrong-tries';

/**
 * The limits on what anyone on the network may try at intake: an enterprise's
 * number-and-phone check (so numbers cannot be walked), staff sign-in (so
 * passwords cannot be guessed), and submissions without a clerk's sign-in.
 * Counts are kept in this process: behind several intake instances each keeps
 * its own (README, limits).
 */
@Injectable()
export class AccessLimits {
  private readonly applicantByNumber: WrongTries;
  private readonly applicantByClient: WrongTries;
  private readonly signInByUser: WrongTries;
  private readonly signInByClient: WrongTries;
  private readonly submissions: RateLimiterMemory;

  constructor(@Inject(INTAKE_CONFIG) config: IntakeConfig) {
    const { limits } = config;
    const window = limits.wrongTriesWindowSeconds;
    this.applicantByNumber = new WrongTries('applicant-no', {
      maxTries: limits.wrongTriesPerNumber,
      windowSeconds: window,
    });
    this.applicantByClient = new WrongTries('applicant-client', {
      maxTries: limits.wrongTriesPerClient,
      windowSeconds: window,
    });
    this.signInByUser = new WrongTries('sign-in-user', {
      maxTries: limits.wrongTriesPerNumber,
      windowSeconds: window,
    });
    this.signInByClient = new WrongTries('sign-in-client', {
      maxTries: limits.wrongTriesPerClient,
      windowSeconds: window,
    });
    this.submissions = new RateLimiterMemory({
      keyPrefix: 'submissions',
      points: limits.submissionsPerClientPerMinute,
      duration: 60,
    });
  }

  /** Runs the enterprise's check; a wrong number or phone counts against both. */
  async applicant<T>(applicationNo: string, client: string, work: () => Promise<T>): Promise<T> {
    return this.limited(
      [
        [this.applicantByNumber, applicationNo],
        [this.applicantByClient, client],
      ],
      IntakeErrorCode.ApplicationNotFound,
      work,
    );
  }

  async signIn<T>(username: string, client: string, work: () => Promise<T>): Promise<T> {
    return this.limited(
      [
        [this.signInByUser, username],
        [this.signInByClient, client],
      ],
      IntakeErrorCode.SignInFailed,
      work,
    );
  }

  /** One more submission without a clerk from this client, or 429. */
  async submission(client: string): Promise<void> {
    try {
      await this.submissions.consume(client);
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      throw IntakeError.tooManyTries(Math.max(1, Math.ceil(refused.msBeforeNext / 1000)));
    }
  }

  private async limited<T>(
    checks: [WrongTries, string][],
    wrong: IntakeErrorCode,
    work: () => Promise<T>,
  ): Promise<T> {
    const wait = await longestWait(checks);
    if (wait > 0) throw IntakeError.tooManyTries(wait);
    try {
      return await work();
    } catch (error) {
      if (error instanceof IntakeError && error.code === wrong) {
        await Promise.all(checks.map(([tries, key]) => tries.wrong(key)));
      }
      throw error;
    }
  }
}
