import { Type } from 'class-transformer';
import { IsInt, IsNumber, Max, Min } from 'class-validator';

import { readEnv } from '@joint/platform';

/** The overdue watch's environment. */
export class OverdueEnv {
  /** The share of a step's time limit after which `overdue_warning` is published. */
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1)
  OVERDUE_WARNING_SHARE = 0.8;

  /** How often open steps are scanned, in milliseconds. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  OVERDUE_SCAN_MS = 60_000;
}

export interface OverdueOptions {
  warningShare: number;
  scanIntervalMs: number;
  /** Cases locked and handled per transaction. */
  batchSize: number;
}

export const OVERDUE_OPTIONS = Symbol('OVERDUE_OPTIONS');

export function readOverdueOptions(env: NodeJS.ProcessEnv = process.env): OverdueOptions {
  const read = readEnv(OverdueEnv, env);
  return {
    warningShare: read.OVERDUE_WARNING_SHARE,
    scanIntervalMs: read.OVERDUE_SCAN_MS,
    batchSize: 100,
  };
}
