/** The administrative approvals external works can need (行政审批). */
export const PERMIT_TYPES = [
  'planning',
  'road_excavation',
  'road_occupation',
  'green_land_occupation',
  'tree_relocation',
] as const;
export type PermitType = (typeof PERMIT_TYPES)[number];
