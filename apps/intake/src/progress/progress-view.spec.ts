import type { ServiceStep, Utility } from '@joint/contracts';

import { Application } from '../applications/application.entity';
import { PermitUpdateRecord } from './permit-update.entity';
import { buildProgressView } from './progress-view';
import { ServiceStepRecord, StepDetails } from './service-step.entity';

const application = (services: Utility[], status: Application['status'] = 'accepted') =>
  Object.assign(new Application(), {
    applicationNo: 'YJ-20261204-000001',
    status,
    services,
    enterpriseName: '叶集区示例林木制品有限公司',
    submittedAt: new Date('2026-12-04T01:00:00Z'),
    acceptedAt: new Date('2026-12-04T01:00:00Z'),
    returnReasons: null,
    withdrawnAt: null,
  });

let minute = 0;
const step = (utility: Utility, name: ServiceStep, details: StepDetails = {}) =>
  Object.assign(new ServiceStepRecord(), {
    utility,
    step: name,
    at: new Date(Date.UTC(2026, 11, 4, 2, minute++)),
    dueBy: new Date('2026-12-08T16:00:00Z'),
    note: null,
    details,
  });

const permit = (status: PermitUpdateRecord['status'], details: PermitUpdateRecord['details']) =>
  Object.assign(new PermitUpdateRecord(), {
    permitId: 'p-1',
    permitType: 'road_excavation',
    status,
    utilities: ['power', 'water'],
    at: new Date('2026-12-05T02:00:00Z'),
    note: null,
    details,
  });

const CONNECTED: ServiceStep[] = [
  'received',
  'specialist_assigned',
  'construction_done',
  'inspection_passed',
  'connected',
];

describe('buildProgressView', () => {
  it('is accepted before any utility has taken a step, with an entry per utility asked for', () => {
    const view = buildProgressView(application(['power', 'gas']), [], []);

    expect(view.status).toBe('accepted');
    expect(Object.keys(view.services)).toEqual(['power', 'gas']);
    expect(view.services.power?.status).toBe('waiting');
  });

  it('is completed only when every utility asked for is connected or withdrawn', () => {
    const power = CONNECTED.map((s) => step('power', s));
    const water = CONNECTED.slice(0, 4).map((s) => step('water', s));

    expect(
      buildProgressView(application(['power', 'water']), [...power, ...water], []).status,
    ).toBe('in_progress');
    const withdrawn = [...water, step('water', 'withdrawn')];
    expect(
      buildProgressView(application(['power', 'water']), [...power, ...withdrawn], []).status,
    ).toBe('completed');
  });

  it('shows warnings apart from the steps, and the specialist from their step', () => {
    const specialist = { name: '赵工', phone: '13700000099' };
    const records = [
      step('gas', 'received'),
      step('gas', 'specialist_assigned', { specialist }),
      step('gas', 'overdue_warning', { pendingStep: 'construction_done' }),
    ];

    const gas = buildProgressView(application(['gas']), records, []).services.gas;

    expect(gas?.steps.map((s) => s.step)).toEqual(['received', 'specialist_assigned']);
    expect(gas?.warnings).toEqual([
      expect.objectContaining({ kind: 'overdue_warning', pendingStep: 'construction_done' }),
    ]);
    expect(gas?.specialist).toEqual(specialist);
    expect(gas?.status).toBe('in_progress');
  });

  it('shows a returned utility with the reasons it needs corrected', () => {
    const records = [
      step('water', 'received'),
      step('water', 'returned', { reasons: ['缺少产权证明'] }),
    ];

    const water = buildProgressView(application(['water']), records, []).services.water;

    expect(water?.status).toBe('returned');
    expect(water?.returnReasons).toEqual(['缺少产权证明']);
  });

  it('shows each permit once with its decision, and joint works apart', () => {
    const jointWorks = {
      road: '纬三路',
      windowStart: '2026-12-10',
      windowEnd: '2026-12-23',
      utilities: ['power', 'water'] as Utility[],
    };
    const updates = [
      permit('requested', {
        department: 'housing_construction',
        dueBy: '2026-12-08T16:00:00.000Z',
      }),
      permit('joint_works_scheduled', { jointWorks }),
      permit('granted', { officer: '钱科长', conditions: '夜间施工' }),
    ];

    const view = buildProgressView(application(['power', 'water']), [], updates);

    expect(view.permits).toEqual([
      expect.objectContaining({
        permitId: 'p-1',
        status: 'granted',
        department: 'housing_construction',
        officer: '钱科长',
        conditions: '夜间施工',
      }),
    ]);
    expect(view.jointWorks).toEqual([{ permitId: 'p-1', ...jointWorks }]);
  });

  it('is withdrawn once the enterprise withdrew, whatever the utilities did', () => {
    const view = buildProgressView(
      application(['power'], 'withdrawn'),
      [step('power', 'received')],
      [],
    );

    expect(view.status).toBe('withdrawn');
  });
});
