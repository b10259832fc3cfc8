import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { Application } from '../applications/application.entity';
import { isContactPhone } from '../applications/contact-phone';
import { IntakeError } from '../applications/intake.error';
import { PermitUpdateRecord } from './permit-update.entity';
import { buildProgressView, ProgressView } from './progress-view';
import { ServiceStepRecord } from './service-step.entity';

/** The applicant's view of an application, built from what every service published. */
@Injectable()
export class ProgressService {
  constructor(private readonly dataSource: DataSource) {}

  /** Unknown number and wrong phone look the same, so numbers cannot be probed. */
  async view(applicationNo: string, contactPhone: string | undefined): Promise<ProgressView> {
    const { manager } = this.dataSource;
    const application = await manager.findOneBy(Application, { applicationNo });
    if (!application || !isContactPhone(application.contactPhone, contactPhone)) {
      throw IntakeError.notFound();
    }

    const order = { sequence: 'ASC' } as const;
    const [steps, permits] = await Promise.all([
      manager.find(ServiceStepRecord, { where: { applicationNo }, order }),
      manager.find(PermitUpdateRecord, { where: { applicationNo }, order }),
    ]);
    return buildProgressView(application, steps, permits);
  }
}
