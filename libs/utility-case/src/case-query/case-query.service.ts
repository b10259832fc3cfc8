import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { Clock } from '@joint/platform';

import { CaseStepRecord } from '../case/case-step.entity';
import { CaseError } from '../case/case.error';
import { UtilityCase } from '../case/utility-case.entity';
import { CaseQueueQuery, QUEUE_PAGE_SIZE } from './case-queue.query';
import { CaseSummary, CaseView, toCaseSummary, toCaseView } from './case-view';

export interface CaseQueuePage {
  page: number;
  pageSize: number;
  total: number;
  items: CaseSummary[];
}

/** Reads cases for the utility's staff: the work queue and one case with its history. */
@Injectable()
export class CaseQueryService {
  constructor(
    @InjectRepository(UtilityCase) private readonly cases: Repository<UtilityCase>,
    @InjectRepository(CaseStepRecord) private readonly steps: Repository<CaseStepRecord>,
    private readonly clock: Clock,
  ) {}

  /** The earliest due first; cases without a due date (stopped, ended) last. */
  async queue(query: CaseQueueQuery): Promise<CaseQueuePage> {
    const now = this.clock.now();
    const select = this.cases.createQueryBuilder('c');
    if (query.status) select.andWhere('c.status = :status', { status: query.status });
    if (query.step) select.andWhere('c.current_step = :step', { step: query.step });
    if (query.overdue === true) {
      select.andWhere(`c.status = 'in_progress' AND c.due_by < :now`, { now });
    } else if (query.overdue === false) {
      select.andWhere(
        `NOT (c.status = 'in_progress' AND c.due_by IS NOT NULL AND c.due_by < :now)`,
        {
          now,
        },
      );
    }

    const [found, total] = await select
      .orderBy('c.due_by', 'ASC', 'NULLS LAST')
      .addOrderBy('c.opened_at', 'ASC')
      .addOrderBy('c.application_no', 'ASC')
      .skip((query.page - 1) * QUEUE_PAGE_SIZE)
      .take(QUEUE_PAGE_SIZE)
      .getManyAndCount();
    const items = found.map((c) => toCaseSummary(c, now));
    return { page: query.page, pageSize: QUEUE_PAGE_SIZE, total, items };
  }

  async find(applicationNo: string): Promise<CaseView> {
    const found = await this.cases.findOneBy({ applicationNo });
    if (!found) throw CaseError.notFound(applicationNo);

    const history = await this.steps.find({ where: { caseId: found.id }, order: { id: 'ASC' } });
    return toCaseView(found, history, this.clock.now());
  }
}
