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
  /** `proof`: the phone the reader gave, or `anyPhone` for a supervisor. */
  async view(applicationNo: string, proof: ReaderProof): Promise<ProgressView> {
    const { manager } = this.dataSource;
    const application = await manager.findOneBy(Application, { applicationNo });
    if (!application) throw IntakeError.notFound();
    if (!('anyPhone' in proof) && !isContactPhone(application.contactPhone, proof.contactPhone)) {
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

/** How a reader of the progress view showed it may read it. */
export type ReaderProof = { contactPhone: string | undefined } | { anyPhone: true };
