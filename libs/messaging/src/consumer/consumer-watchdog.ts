/** Why a consumer is not consuming, as `/health` reports it. */
export interface ConsumerProblem {
  kind: 'crashed' | 'stopped' | 'stalled' | 'unassigned';
  reason: string;
}

/**
 * What the consumer's instrumentation events say about it. kafkajs keeps a crashed consumer's
 * process alive and quiet, so a consumer that crashed for good, stopped on its own, went silent
 * or holds no partitions is only seen here.
 */
export class ConsumerWatchdog {
  private lastActivityAt: number;
  private problemFound?: ConsumerProblem;
  private running = false;

  constructor(
    /** Longest silence (no fetch, no heartbeat) of a running consumer before it is stalled. */
    private readonly stallAfterMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastActivityAt = now();
  }

  /** A new consumer is running: everything said of the old one is forgotten. */
  started(): void {
    this.running = true;
    this.problemFound = undefined;
    this.lastActivityAt = this.now();
  }

  /** We stopped it on purpose (shutdown or restart). */
  stoppedOnPurpose(): void {
    this.running = false;
  }

  /** A fetch, a heartbeat or a join: the consumer is alive. */
  active(): void {
    this.lastActivityAt = this.now();
  }

  joined(): void {
    this.active();
    if (this.problemFound?.kind === 'unassigned') this.problemFound = undefined;
  }

  /** A crash kafkajs restarts itself is not a problem; one it does not restart is. */
  crashed(error: string, restart: boolean): ConsumerProblem | undefined {
    if (restart) return undefined;
    return this.found({ kind: 'crashed', reason: `consumer crashed: ${error}` });
  }

  stoppedUnexpectedly(): ConsumerProblem {
    return this.found({ kind: 'stopped', reason: 'consumer stopped on its own' });
  }

  unassigned(topics: readonly string[]): ConsumerProblem {
    return this.found({
      kind: 'unassigned',
      reason: `consumer is the only member and holds no partition of ${topics.join(', ')}`,
    });
  }

  /** The first problem found since the consumer started, or silence past the bound. */
  problem(): ConsumerProblem | undefined {
    if (this.problemFound) return this.problemFound;
    if (!this.running) return undefined;

    const silentMs = this.now() - this.lastActivityAt;
    if (silentMs <= this.stallAfterMs) return undefined;
    return {
      kind: 'stalled',
      reason: `consumer has neither fetched nor heartbeated for ${silentMs} ms`,
    };
  }

  private found(problem: ConsumerProblem): ConsumerProblem {
    this.problemFound ??= problem;
    return this.problemFound;
  }
}

/** Allows `max` restarts in any `windowMs`; a consumer that needs more is beyond restarting. */
export class RestartBudget {
  private readonly restarts: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one restart; false when the window already holds `max`. */
  take(): boolean {
    const now = this.now();
    while (this.restarts.length > 0 && now - this.restarts[0] > this.windowMs) {
      this.restarts.shift();
    }
    if (this.restarts.length >= this.max) return false;
    this.restarts.push(now);
    return true;
  }
}
