import { DynamicModule, Module } from '@nestjs/common';

import { ServiceConfig, ServiceSchema, serviceModule } from '@joint/platform';

import { loadPermitsConfig } from './config/load-permits-config';
import { CreatePermitApplication1764770000000 } from './migrations/1764770000000-create-permit-application.migration';
import { CreatePermits1764780000000 } from './migrations/1764780000000-create-permits.migration';
import { PermitReRequest1764820000000 } from './migrations/1764820000000-re-request.migration';
import { Permit } from './permit/permit.entity';
import { PermitModule } from './permit/permit.module';
import { PermitUtility } from './permit/permit-utility.entity';
import { PermitApplication } from './permit-application/permit-application.entity';
import { PermitApplicationModule } from './permit-application/permit-application.module';

export const PERMITS_SCHEMA: ServiceSchema = {
  entities: [PermitApplication, Permit, PermitUtility],
  migrations: [
    CreatePermitApplication1764770000000,
    CreatePermits1764780000000,
    PermitReRequest1764820000000,
  ],
};

/**
 * The permit office: opens the permits the utilities ask for, routes each to its department,
 * joins road excavations so a road is opened once, and publishes every request and decision.
 */
@Module({})
export class PermitsModule {
  /** Reads `apps/permits/config/permits.json` (or `$PERMITS_CONFIG_FILE`) now: a bad one stops the start. */
  static register(config: ServiceConfig, env = process.env): DynamicModule {
    return serviceModule(PermitsModule, config, {
      schema: PERMITS_SCHEMA,
      consumerGroup: 'permits',
      imports: [PermitApplicationModule, PermitModule.register(loadPermitsConfig(env))],
    });
  }
}
