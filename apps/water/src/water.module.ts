import { DynamicModule, Module } from '@nestjs/common';

import { ServiceConfig } from '@joint/platform';
import { loadUtilitySettings, UtilityServiceModule } from '@joint/utility-case';

/** The water utility's service: the shared case workflow with water's own settings. */
@Module({})
export class WaterModule {
  static register(config: ServiceConfig, env = process.env): DynamicModule {
    return {
      module: WaterModule,
      imports: [UtilityServiceModule.register(config, loadUtilitySettings('water', env), env)],
    };
  }
}
