import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { PermitProgressed } from '@joint/contracts';

import { PermitRecord, UtilityCase } from '../case/utility-case.entity';
import { UtilitySettings } from '../settings/utility-settings';
import { UTILITY_SETTINGS } from '../settings/utility-settings.token';
import { CaseWorkflow } from '../workflow/case-workflow.service';
import { lockCase } from '../workflow/lock-case';

export type PermitOutcome = 'not_ours' | 'no_case' | 'recorded' | 'granted_all' | 'returned';

/**
 * Applies the permit office's decisions to the case: it reaches `permits_granted` by itself
 * once every permit type of the latest round of requests is granted (a joint permit covers
 * every utility it lists); a rejection returns the case with the reason, to request again
 * after resuming. Other statuses are only recorded.
 */
@Injectable()
export class PermitDecisionService {
  constructor(
    @Inject(UTILITY_SETTINGS) private readonly settings: UtilitySettings,
    private readonly workflow: CaseWorkflow,
  ) {}

  async apply(manager: EntityManager, event: PermitProgressed): Promise<PermitOutcome> {
    if (!event.data.utilities.includes(this.settings.utility)) return 'not_ours';
    const found = await lockCase(manager, event.applicationNo);
    if (!found) return 'no_case';

    found.permitDecisions = [...found.permitDecisions, recordOf(event)];
    const outcome = await this.decide(manager, found, event);
    if (outcome === 'recorded') {
      await manager.update(UtilityCase, { id: found.id }, found);
    }
    return outcome;
  }

  private async decide(
    manager: EntityManager,
    found: UtilityCase,
    { data }: PermitProgressed,
  ): Promise<PermitOutcome> {
    const awaited =
      found.status === 'in_progress' &&
      found.currentStep === 'permits_requested' &&
      found.permitsRequested.includes(data.permitType);
    if (!awaited) return 'recorded';

    if (data.status === 'granted') {
      found.permitsGranted = [...new Set([...found.permitsGranted, data.permitType])];
      if (!found.permitsRequested.every((type) => found.permitsGranted.includes(type))) {
        return 'recorded';
      }
      await this.workflow.take(manager, found, {
        step: 'permits_granted',
        source: 'permit_office',
        actor: data.officer,
        permits: found.permitsGranted,
      });
      return 'granted_all';
    }

    if (data.status === 'rejected') {
      const reason = data.reason ?? `${data.permitType} was rejected`;
      await this.workflow.take(manager, found, {
        step: 'returned',
        source: 'permit_office',
        actor: data.officer,
        note: `${data.permitType} rejected by the permit office`,
        reasons: [reason],
        redo: 'permits_requested',
      });
      return 'returned';
    }
    return 'recorded';
  }
}

function recordOf({ data }: PermitProgressed): PermitRecord {
  return {
    permitId: data.permitId,
    permitType: data.permitType,
    status: data.status,
    at: data.at,
    ...(data.officer && { officer: data.officer }),
    ...(data.conditions && { conditions: data.conditions }),
    ...(data.reason && { reason: data.reason }),
  };
}
