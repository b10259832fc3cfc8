import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@joint/messaging';
import {
  ConfigError,
  HealthController,
  loggerModule,
  MetricsController,
  ServiceConfig,
  typeOrmOptions,
} from '@joint/platform';

import { UtilitySettings } from '../settings/utility-settings';
import {
  UTILITY_CASE_ENTITIES,
  UTILITY_CASE_MIGRATIONS,
  UtilityCaseModule,
} from '../utility-case.module';

/**
 * Everything a utility service (power, water, gas) runs: its database, its
 * consumer group and outbox, health and metrics, and its cases. The three
 * differ only in `config.service` and their settings.
 */
@Module({})
export class UtilityServiceModule {
  static register(config: ServiceConfig, settings: UtilitySettings): DynamicModule {
    if (config.service !== settings.utility) {
      throw new ConfigError(`${config.service} was given the settings of ${settings.utility}`);
    }

    return {
      module: UtilityServiceModule,
      imports: [
        loggerModule(config),
        TypeOrmModule.forRoot(
          typeOrmOptions(
            config,
            [...MESSAGING_ENTITIES, ...UTILITY_CASE_ENTITIES],
            [...MESSAGING_MIGRATIONS, ...UTILITY_CASE_MIGRATIONS],
          ),
        ),
        MessagingModule.forRoot({
          producer: settings.utility,
          groupId: `${config.groupPrefix}${settings.utility}`,
          brokers: config.kafkaBrokers,
          partitions: config.topicPartitions,
          replicationFactor: config.replicationFactor,
        }),
        UtilityCaseModule.forUtility(settings),
      ],
      controllers: [HealthController, MetricsController],
    };
  }
}
