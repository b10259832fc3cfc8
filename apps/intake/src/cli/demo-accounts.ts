import { CreateAccountRequest } from '../staff/account-request.dto';

/** The password of every demo account unless `seed-demo --password` says otherwise. */
export const DEMO_PASSWORD = 'demo-password-2026';

/** Every window of the sample forms in shared/samples, hall and online. */
const SAMPLE_WINDOWS = [
  '叶集区政务服务中心 水电气联办窗口 1号',
  '叶集区政务服务中心 水电气联办窗口 2号',
  '叶集区政务服务中心 水电气联办窗口 3号',
  '国网叶集供电公司 营业厅 1号窗口',
  '国网叶集供电公司 营业厅 2号窗口',
  '叶集区水电气共享营业厅（平岗）',
  '叶集区水电气共享营业厅（洪集）',
  '政务服务网六安分厅 水电气报装',
  '叶集燃气 微信公众号',
];

type DemoAccount = Omit<CreateAccountRequest, 'password'>;

/**
 * One account for every role and scope, for local use and tests only: they
 * exist only where `npm run accounts -- seed-demo` was run. Names are made up.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'clerk',
    staffId: 'YJ-GH-900',
    name: '演示 窗口',
    role: 'window_clerk',
    scopes: SAMPLE_WINDOWS,
  },
  {
    username: 'clerk.power-hall',
    staffId: 'SG-YJ-900',
    name: '演示 供电营业厅',
    role: 'window_clerk',
    scopes: ['国网叶集供电公司 营业厅 1号窗口'],
  },
  {
    username: 'power.staff',
    staffId: 'SG-YJ-901',
    name: '演示 供电',
    role: 'utility_staff',
    scopes: ['power'],
  },
  {
    username: 'water.staff',
    staffId: 'SW-YJ-901',
    name: '演示 供水',
    role: 'utility_staff',
    scopes: ['water'],
  },
  {
    username: 'gas.staff',
    staffId: 'RQ-YJ-901',
    name: '演示 燃气',
    role: 'utility_staff',
    scopes: ['gas'],
  },
  {
    username: 'officer.planning',
    staffId: 'ZR-YJ-901',
    name: '演示 规划',
    role: 'department_officer',
    scopes: ['natural_resources_planning'],
  },
  {
    username: 'officer.urban',
    staffId: 'CG-YJ-901',
    name: '演示 城管',
    role: 'department_officer',
    scopes: ['urban_management'],
  },
  {
    username: 'officer.housing',
    staffId: 'ZJ-YJ-901',
    name: '演示 住建',
    role: 'department_officer',
    scopes: ['housing_construction'],
  },
  {
    username: 'officer.forestry',
    staffId: 'LY-YJ-901',
    name: '演示 林业',
    role: 'department_officer',
    scopes: ['forestry_landscaping'],
  },
  {
    username: 'supervisor',
    staffId: 'YJ-DC-901',
    name: '演示 督查',
    role: 'supervisor',
    scopes: [],
  },
  { username: 'admin', staffId: 'YJ-IT-901', name: '演示 管理员', role: 'admin', scopes: [] },
];
