import { Type } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

import { EventEnvelope } from './event-envelope';

export class ApplicationWithdrawnData {
  @IsISO8601({ strict: true })
  withdrawnAt!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

/** Published by intake when the enterprise withdraws the whole application. */
export class ApplicationWithdrawn extends EventEnvelope<
  'ApplicationWithdrawn',
  ApplicationWithdrawnData
> {
  @ValidateNested()
  @Type(() => ApplicationWithdrawnData)
  declare data: ApplicationWithdrawnData;
}
