import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';

import { PermitsConfig } from '../config/permits-config';
import { PERMITS_CONFIG } from '../config/permits-config.token';
import { Permit } from '../permit/permit.entity';
import { PermitError } from '../permit/permit.error';
import { isPermitId } from '../permit/permit-id';
import { utilitiesOf } from '../permit/permit-utilities';
import { ListPermitsQuery } from './list-permits.query';
import { PermitPage, PermitView, toPermitView } from './permit.view';
import { SameRoadGroup, sameRoadGroups } from './same-road-groups';

/** Excavations that may still open a road; rejected and cancelled ones never will. */
const OPEN_STATES = In(['requested', 'granted']);

/** The permits as the deciding departments see them, same-road groups computed as asked. */
@Injectable()
export class PermitQueryService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PERMITS_CONFIG) private readonly config: PermitsConfig,
  ) {}

  /** `departments`: the reader's own, for an officer; undefined for a supervisor, who sees all. */
  async list(query: ListPermitsQuery, departments?: readonly string[]): Promise<PermitPage> {
    const { department, status, applicationNo, page, pageSize } = query;
    if (department && !this.config.departments.some((d) => d.code === department)) {
      throw PermitError.invalid([{ field: 'department', message: `${department} is not known` }]);
    }
    if (department && departments && !departments.includes(department)) {
      throw PermitError.outsideDepartment(department);
    }

    const shown = department ?? (departments && In([...departments]));
    const [permits, total] = await this.dataSource.getRepository(Permit).findAndCount({
      where: {
        ...(shown ? { department: shown } : {}),
        ...(status ? { status } : {}),
        ...(applicationNo ? { applicationNo } : {}),
      },
      order: { requestedAt: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: await this.views(permits), page, pageSize, total };
  }

  async get(permitId: string, departments?: readonly string[]): Promise<PermitView> {
    if (!isPermitId(permitId)) throw PermitError.notFound();
    const permit = await this.dataSource.getRepository(Permit).findOneBy({ id: permitId });
    if (!permit) throw PermitError.notFound();
    if (departments && !departments.includes(permit.department)) {
      throw PermitError.outsideDepartment(permit.department);
    }

    const [view] = await this.views([permit]);
    return view;
  }

  private async views(permits: Permit[]): Promise<PermitView[]> {
    const ids = permits.map((permit) => permit.id);
    const utilities = await utilitiesOf(this.dataSource.manager, ids);
    const groups = await this.sameRoadGroupsOf(permits);
    return permits.map((permit) =>
      toPermitView(permit, utilities.get(permit.id) ?? [], groups.get(permit.id)),
    );
  }

  /**
   * Groups every open excavation on the roads of `permits`, whatever its application or
   * department, so a group reads the same on every page.
   */
  private async sameRoadGroupsOf(permits: Permit[]): Promise<Map<string, SameRoadGroup>> {
    const roads = [
      ...new Set(permits.filter((p) => p.permitType === 'road_excavation').map((p) => p.road)),
    ].filter((road): road is string => road !== null);
    if (roads.length === 0) return new Map();

    const excavations = await this.dataSource.getRepository(Permit).find({
      where: { permitType: 'road_excavation', road: In(roads), status: OPEN_STATES },
    });
    return sameRoadGroups(
      excavations.map((p) => ({ ...p, road: p.road ?? '' })),
      this.config.sameRoadGroupingDays,
    );
  }
}
