const DAY_MS = 24 * 60 * 60 * 1000;

/** A road excavation as the grouping sees it. */
export interface Excavation {
  id: string;
  applicationNo: string;
  road: string;
  requestedAt: Date;
}

/** Excavations on one road asked for within the grouping window, shown to the department as one. */
export interface SameRoadGroup {
  road: string;
  permitIds: string[];
  applicationNos: string[];
}

/**
 * Groups excavations by road: a group opens with the earliest request not yet grouped and takes
 * every later one on that road within `windowDays` of it. Anchoring on the first request (not
 * chaining) keeps a group from growing for ever on a busy road. Only groups of two or more are
 * returned, keyed by each member's permit id.
 */
export function sameRoadGroups(
  excavations: readonly Excavation[],
  windowDays: number,
): Map<string, SameRoadGroup> {
  const byPermit = new Map<string, SameRoadGroup>();
  for (const onRoad of byRoad(excavations).values()) {
    for (const members of anchoredRuns(onRoad, windowDays * DAY_MS)) {
      if (members.length < 2) continue;
      const group = toGroup(members);
      for (const member of members) byPermit.set(member.id, group);
    }
  }
  return byPermit;
}

function byRoad(excavations: readonly Excavation[]): Map<string, Excavation[]> {
  const roads = new Map<string, Excavation[]>();
  for (const excavation of excavations) {
    roads.set(excavation.road, [...(roads.get(excavation.road) ?? []), excavation]);
  }
  return roads;
}

function anchoredRuns(onRoad: Excavation[], windowMs: number): Excavation[][] {
  const sorted = [...onRoad].sort(
    (a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || a.id.localeCompare(b.id),
  );
  const runs: Excavation[][] = [];
  let anchor: Excavation | undefined;
  for (const excavation of sorted) {
    if (anchor && excavation.requestedAt.getTime() - anchor.requestedAt.getTime() <= windowMs) {
      runs[runs.length - 1].push(excavation);
    } else {
      anchor = excavation;
      runs.push([excavation]);
    }
  }
  return runs;
}

function toGroup(members: Excavation[]): SameRoadGroup {
  return {
    road: members[0].road,
    permitIds: members.map((m) => m.id),
    applicationNos: [...new Set(members.map((m) => m.applicationNo))],
  };
}
