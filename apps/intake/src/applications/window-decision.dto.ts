import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsOptional,
  ArrayNotEmpty,
  IsArray,
  IsNotEmpty,
  IsObject,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { FirstContact } from '@joint/contracts';

/**
 * `POST /api/applications/{applicationNo}/acceptance`. The first-contact
 * officer recorded is the clerk signed in; `firstContact` is still accepted
 * for older clients, and checked, but never recorded.
 */
export class AcceptanceRequest {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FirstContact)
  firstContact?: FirstContact;
}

/** `POST /api/applications/{applicationNo}/return`: what the enterprise must correct. */
export class ReturnRequest extends AcceptanceRequest {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  reasons!: string[];
}

/** `POST /api/applications/{applicationNo}/withdrawal`, by the enterprise. */
export class WithdrawalRequest {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
