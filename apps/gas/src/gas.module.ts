import { DynamicModule, Module } from '@nestjs/common';

import { ServiceConfig } from '@joint/platform';
import { loadUtilitySettings, UtilityServiceModule } from '@joint/utility-case';

/** The gas utility's service: the shared case workflow with gas's own settings. */
@Module({})
export class GasModule {
  static register(config: ServiceConfig, env = process.env): DynamicModule {
    return {
      module: GasModule,
      imports: [UtilityServiceModule.register(config, loadUtilitySettings('gas', env), env)],
    };
  }
}
