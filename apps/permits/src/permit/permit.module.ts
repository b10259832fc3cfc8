import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { WorkingCalendar } from '@joint/working-calendar';

import { PermitsConfig } from '../config/permits-config';
import { PERMITS_CONFIG } from '../config/permits-config.token';
import { PermitDecisionService } from '../permit-decision/permit-decision.service';
import { PermitsController } from '../permit-query/permits.controller';
import { PermitQueryService } from '../permit-query/permit-query.service';
import { PermitRequestService } from '../permit-request/permit-request.service';
import { PermitsRequestedHandler } from '../permit-request/permits-requested.handler';
import { ApplicationWithdrawnHandler } from '../withdrawal/application-withdrawn.handler';
import { PermitWithdrawalService } from '../withdrawal/permit-withdrawal.service';
import { PermitCalendar } from '../working-days/permit-calendar';
import { Permit } from './permit.entity';
import { PermitUtility } from './permit-utility.entity';

/** Permits: requested by the utilities, decided by the departments, closed on withdrawal. */
@Module({})
export class PermitModule {
  static register(config: PermitsConfig): DynamicModule {
    return {
      module: PermitModule,
      imports: [TypeOrmModule.forFeature([Permit, PermitUtility])],
      controllers: [PermitsController],
      providers: [
        { provide: PERMITS_CONFIG, useValue: config },
        // Read at start: a missing or broken calendar file stops the service there.
        {
          provide: PermitCalendar,
          useFactory: () => new PermitCalendar(WorkingCalendar.fromFile()),
        },
        PermitRequestService,
        PermitsRequestedHandler,
        PermitDecisionService,
        PermitQueryService,
        PermitWithdrawalService,
        ApplicationWithdrawnHandler,
      ],
    };
  }
}
