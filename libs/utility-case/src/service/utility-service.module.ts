import { DynamicModule, Module } from '@nestjs/common';

import { ConfigError, ServiceConfig, ServiceSchema, serviceModule } from '@joint/platform';

import { readOverdueOptions } from '../overdue/overdue-options';
import { UtilitySettings } from '../settings/utility-settings';
import {
  UTILITY_CASE_ENTITIES,
  UTILITY_CASE_MIGRATIONS,
  UtilityCaseModule,
} from '../utility-case.module';

export const UTILITY_SCHEMA: ServiceSchema = {
  entities: [...UTILITY_CASE_ENTITIES],
  migrations: [...UTILITY_CASE_MIGRATIONS],
};

/**
 * Everything a utility service (power, water, gas) runs: its database, its
 * consumer group and outbox, health and metrics, and its cases. The three
 * differ only in `config.service` and their settings.
 */
@Module({})
export class UtilityServiceModule {
  static register(
    config: ServiceConfig,
    settings: UtilitySettings,
    env: NodeJS.ProcessEnv = process.env,
  ): DynamicModule {
    if (config.service !== settings.utility) {
      throw new ConfigError(`${config.service} was given the settings of ${settings.utility}`);
    }

    return serviceModule(UtilityServiceModule, config, {
      schema: UTILITY_SCHEMA,
      consumerGroup: settings.utility,
      utility: settings.utility,
      imports: [UtilityCaseModule.forUtility(settings, readOverdueOptions(env))],
    });
  }
}
