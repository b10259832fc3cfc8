import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface WrongTriesLimit {
  maxTries: number;
  windowSeconds: number;
}

/**
 * Wrong tries per key (an application number, a client, a username) in a
 * fixed window. Once a key has used them all, even a right try waits for the
 * window to pass, so guessing is no faster than the limit.
 */
export class WrongTries {
  private readonly limiter: RateLimiterMemory;

  constructor(
    name: string,
    private readonly limit: WrongTriesLimit,
  ) {
    this.limiter = new RateLimiterMemory({
      keyPrefix: name,
      points: limit.maxTries,
      duration: limit.windowSeconds,
    });
  }

  /** Seconds until `key` may try again; 0 when it may now. */
  async waitFor(key: string): Promise<number> {
    const used = await this.limiter.get(key);
    if (!used || used.consumedPoints < this.limit.maxTries) return 0;
    return Math.max(1, Math.ceil(used.msBeforeNext / 1000));
  }

  async wrong(key: string): Promise<void> {
    await this.limiter.penalty(key, 1);
  }
}

/** Several limits at once (per number and per client): the longest wait wins. */
export async function longestWait(checks: [WrongTries, string][]): Promise<number> {
  const waits = await Promise.all(checks.map(([tries, key]) => tries.waitFor(key)));
  return Math.max(0, ...waits);
}
