import { Logger } from '@nestjs/common';
import { PoolClient } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';

import { OUTBOX_CHANNEL } from './append-to-outbox';

const RECONNECT_MS = 5_000;

/**
 * Wakes the relay when a writer commits (LISTEN outbox) on a connection of its own. Losing that
 * connection only slows the relay to its poll interval until the listener is back.
 */
export class OutboxNotifications {
  private readonly logger = new Logger(OutboxNotifications.name);
  private queryRunner?: QueryRunner;
  private client?: PoolClient;
  private readonly onNotification = (): void => {
    this.pending = true;
    this.wake?.();
  };
  private readonly onError = (error: Error): void => this.onLost(error);
  private wake?: () => void;
  private pending = false;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  async start(): Promise<void> {
    this.stopped = false;
    try {
      await this.listen();
    } catch (error) {
      this.onLost(error);
    }
  }

  /** Resolves at the next notification (or at once if one came meanwhile), or after `ms`. */
  async next(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = undefined;
    this.pending = false;
  }

  /** Ends a pending `next` at once. */
  interrupt(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.interrupt();
    await this.release();
  }

  private async listen(): Promise<void> {
    const queryRunner = this.dataSource.createQueryRunner();
    this.queryRunner = queryRunner;
    const client = (await queryRunner.connect()) as PoolClient;
    this.client = client;
    client.on('notification', this.onNotification);
    client.on('error', this.onError);
    await queryRunner.query(`LISTEN ${OUTBOX_CHANNEL}`);
  }

  private onLost(error: unknown): void {
    if (this.stopped || this.reconnectTimer) return;
    this.logger.warn({ error: String(error), retryInMs: RECONNECT_MS }, 'outbox listener lost');
    void this.release();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.start();
    }, RECONNECT_MS);
  }

  /** The connection goes back to the pool, so it must stop listening first. */
  private async release(): Promise<void> {
    const { queryRunner, client } = this;
    this.queryRunner = undefined;
    this.client = undefined;
    client?.off('notification', this.onNotification);
    client?.off('error', this.onError);
    await queryRunner?.query('UNLISTEN *').catch(() => undefined);
    await queryRunner?.release().catch(() => undefined);
  }
}
