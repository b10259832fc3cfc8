import { Controller, Get, Header } from '@nestjs/common';
import { collectDefaultMetrics, register } from 'prom-client';

import { Public } from '@joint/auth';

let defaultsCollected = false;

/** `GET /metrics`: Prometheus text of the process and whatever the service registers. */
@Controller('metrics')
@Public()
export class MetricsController {
  constructor() {
    if (!defaultsCollected) {
      collectDefaultMetrics();
      defaultsCollected = true;
    }
  }

  @Get()
  @Header('Content-Type', register.contentType)
  async metrics(): Promise<string> {
    return register.metrics();
  }
}
