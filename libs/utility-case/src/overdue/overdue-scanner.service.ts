import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { Clock } from '@joint/platform';

import { UtilityCase } from '../case/utility-case.entity';
import { CaseProgressRecorder } from '../workflow/case-progress.recorder';
import { OVERDUE_OPTIONS, OverdueOptions } from './overdue-options';

export interface OverdueScan {
  warned: number;
  overdue: number;
}

/**
 * Watches the open steps and publishes `overdue_warning` once a share of a step's time limit
 * has passed and `overdue` once its due date has, each once per pending step. What was
 * published is stamped on the case (`warned_at`, `overdue_at`) in the same transaction as the
 * outbox row, so a restart repeats nothing; a new pending step resets both. A returned case
 * has no due date (its clock is stopped) and is not watched.
 *
 * The share is of the elapsed time between the clock's start and the due date, not of
 * working days: a limit running over a weekend warns a little early.
 */
@Injectable()
export class OverdueScanner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OverdueScanner.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<OverdueScan>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly recorder: CaseProgressRecorder,
    private readonly clock: Clock,
    @Inject(OVERDUE_OPTIONS) private readonly options: OverdueOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.scanInBackground(), this.options.scanIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Scans every open step now, batch by batch; one scan at a time per instance. */
  async scanOverdue(): Promise<OverdueScan> {
    if (this.running) await this.running.catch(() => undefined);
    this.running = this.scanAll();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async scanInBackground(): Promise<void> {
    try {
      const scan = await this.scanOverdue();
      if (scan.warned + scan.overdue > 0) this.logger.log({ ...scan }, 'overdue scan');
    } catch (error) {
      this.logger.warn({ error: String(error) }, 'overdue scan failed, will retry');
    }
  }

  private async scanAll(): Promise<OverdueScan> {
    const total: OverdueScan = { warned: 0, overdue: 0 };
    for (;;) {
      const batch = await this.dataSource.transaction((manager) => this.scanBatch(manager));
      total.warned += batch.warned;
      total.overdue += batch.overdue;
      if (batch.warned + batch.overdue < this.options.batchSize) return total;
    }
  }

  /**
   * Locks a batch of cases owing a warning or an overdue, skipping those another instance or
   * a staff request holds, and publishes what each owes.
   */
  private async scanBatch(manager: EntityManager): Promise<OverdueScan> {
    const now = this.clock.now();
    const owing = await manager
      .createQueryBuilder(UtilityCase, 'c')
      .where(`c.status = 'in_progress' AND c.due_by IS NOT NULL AND c.overdue_at IS NULL`)
      .andWhere(
        `(c.due_by <= :now OR (c.warned_at IS NULL AND
          c.clock_started_at + (c.due_by - c.clock_started_at) * :share <= :now))`,
        { now, share: this.options.warningShare },
      )
      .orderBy('c.due_by', 'ASC')
      .limit(this.options.batchSize)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();

    const scan: OverdueScan = { warned: 0, overdue: 0 };
    for (const found of owing) {
      const isOverdue = found.dueBy !== null && found.dueBy <= now;
      if (isOverdue) found.overdueAt = now;
      found.warnedAt ??= now;
      await this.recorder.record(manager, found, {
        step: isOverdue ? 'overdue' : 'overdue_warning',
        at: now,
        details: { note: `${found.pendingStep} is ${isOverdue ? 'overdue' : 'nearly due'}` },
      });
      scan[isOverdue ? 'overdue' : 'warned'] += 1;
    }
    return scan;
  }
}
