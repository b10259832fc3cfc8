import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

import { Public } from '@joint/auth';
import { KafkaHealth } from '@joint/messaging';

interface Check {
  ok: boolean;
  reason?: string;
}

/** `GET /health`: 200 when the database and Kafka answer, 503 with the reason otherwise. */
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaHealth,
  ) {}

  @Get()
  async check(@Res() res: Response): Promise<void> {
    const [database, kafka] = await Promise.all([this.checkDatabase(), this.kafka.isHealthy()]);
    const ok = database.ok && kafka.ok;
    res
      .status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ok ? 'ok' : 'unavailable', database, kafka });
  }

  private async checkDatabase(): Promise<Check> {
    try {
      await this.dataSource.query('SELECT 1');
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  }
}
