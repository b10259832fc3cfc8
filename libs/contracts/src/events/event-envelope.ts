import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  Min,
} from 'class-validator';

import { Producer, PRODUCERS } from '../utility';

/**
 * What every message on every topic carries around its data. Keyed on Kafka
 * by `applicationNo`, so the events of one application stay in order.
 */
export class EventEnvelope<TType extends string = string, TData extends object = object> {
  /** Unique per event; consumers record it to apply each event once. */
  @IsUUID()
  eventId!: string;

  @IsString()
  @IsNotEmpty()
  type!: TType;

  /** The version of `data`'s shape; a consumer rejects versions it does not know. */
  @IsInt()
  @Min(1)
  version!: number;

  @IsISO8601({ strict: true })
  occurredAt!: string;

  @IsString()
  @IsNotEmpty()
  applicationNo!: string;

  @IsIn(PRODUCERS)
  producer!: Producer;

  /** Carried from the HTTP request that started it all, through every service. */
  @IsString()
  @IsNotEmpty()
  correlationId!: string;

  @IsObject()
  data!: TData;
}
