import { DynamicModule, Module } from '@nestjs/common';

import { ServiceConfig, ServiceSchema, serviceModule } from '@joint/platform';

import { CreatePermitApplication1764770000000 } from './migrations/1764770000000-create-permit-application.migration';
import { PermitApplication } from './permit-application/permit-application.entity';
import { PermitApplicationModule } from './permit-application/permit-application.module';

export const PERMITS_SCHEMA: ServiceSchema = {
  entities: [PermitApplication],
  migrations: [CreatePermitApplication1764770000000],
};

/** The permit office: knows the accepted applications; publishes nothing yet. */
@Module({})
export class PermitsModule {
  static register(config: ServiceConfig): DynamicModule {
    return serviceModule(PermitsModule, config, {
      schema: PERMITS_SCHEMA,
      consumerGroup: 'permits',
      imports: [PermitApplicationModule],
    });
  }
}
