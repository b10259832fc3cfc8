import { Excavation, sameRoadGroups } from './same-road-groups';

const excavation = (id: string, applicationNo: string, road: string, day: string): Excavation => ({
  id,
  applicationNo,
  road,
  requestedAt: new Date(`${day}T02:00:00Z`),
});

describe('sameRoadGroups', () => {
  it('groups excavations on one road within the window, across applications', () => {
    const groups = sameRoadGroups(
      [
        excavation('p2', 'A-2', '纬三路', '2026-12-10'),
        excavation('p1', 'A-1', '纬三路', '2026-12-01'),
        excavation('p3', 'A-3', '经五路', '2026-12-02'),
      ],
      30,
    );

    const expected = { road: '纬三路', permitIds: ['p1', 'p2'], applicationNos: ['A-1', 'A-2'] };
    expect(groups.get('p1')).toEqual(expected);
    expect(groups.get('p2')).toEqual(expected);
    expect(groups.has('p3')).toBe(false);
  });

  it('anchors the window on the first request, so a late one starts a group of its own', () => {
    const groups = sameRoadGroups(
      [
        excavation('p1', 'A-1', '纬三路', '2026-11-01'),
        excavation('p2', 'A-2', '纬三路', '2026-11-20'),
        excavation('p3', 'A-3', '纬三路', '2026-12-05'),
        excavation('p4', 'A-4', '纬三路', '2026-12-10'),
      ],
      30,
    );

    expect(groups.get('p2')?.permitIds).toEqual(['p1', 'p2']);
    expect(groups.get('p3')?.permitIds).toEqual(['p3', 'p4']);
  });

  it('leaves a lone excavation without a group', () => {
    expect(sameRoadGroups([excavation('p1', 'A-1', '纬三路', '2026-12-01')], 30).size).toBe(0);
  });
});
