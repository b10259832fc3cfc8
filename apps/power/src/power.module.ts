import { DynamicModule, Module } from '@nestjs/common';

import { ServiceConfig } from '@joint/platform';
import { loadUtilitySettings, UtilityServiceModule } from '@joint/utility-case';

/** The power utility's service: the shared case workflow with power's own settings. */
@Module({})
export class PowerModule {
  static register(config: ServiceConfig, env = process.env): DynamicModule {
    return {
      module: PowerModule,
      imports: [UtilityServiceModule.register(config, loadUtilitySettings('power', env), env)],
    };
  }
}
