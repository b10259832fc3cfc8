import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { ApplicationAccepted } from '@joint/contracts';

import { PermitApplication } from './permit-application.entity';

/** Keeps what the permit office needs to know of each accepted application. */
@Injectable()
export class PermitApplicationService {
  /**
   * Records the applications not yet known, in the caller's transaction, and
   * returns how many were new. A known application number is left as it is.
   */
  async record(accepted: readonly ApplicationAccepted[], manager: EntityManager): Promise<number> {
    if (accepted.length === 0) return 0;

    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(PermitApplication)
      .values(accepted.map(toPermitApplication))
      .orIgnore()
      .returning('application_no')
      .execute();
    return (result.raw as unknown[]).length;
  }
}

function toPermitApplication({
  applicationNo,
  eventId,
  data,
}: ApplicationAccepted): PermitApplication {
  return Object.assign(new PermitApplication(), {
    applicationNo,
    enterpriseName: data.form.enterprise.name,
    siteAddress: data.form.enterprise.address,
    utilities: data.services,
    acceptedAt: new Date(data.acceptedAt),
    acceptedEventId: eventId,
  } satisfies PermitApplication);
}
