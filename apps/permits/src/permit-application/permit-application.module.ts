import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { ApplicationAcceptedHandler } from './application-accepted.handler';
import { PermitApplication } from './permit-application.entity';
import { PermitApplicationService } from './permit-application.service';

/** The accepted applications the permit office knows of. */
@Module({
  imports: [TypeOrmModule.forFeature([PermitApplication])],
  providers: [PermitApplicationService, ApplicationAcceptedHandler],
})
export class PermitApplicationModule {}
