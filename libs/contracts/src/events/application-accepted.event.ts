import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsISO8601, IsObject, ValidateNested } from 'class-validator';

import { ApplicationForm, FirstContact } from '../form/application-form';
import { Utility, UTILITIES } from '../utility';
import { EventEnvelope } from './event-envelope';

export class ApplicationAcceptedData {
  /** The whole form as accepted. Holds personal data (the contact). */
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicationForm)
  form!: ApplicationForm;

  /** The officer accountable for the application (首接负责制). */
  @IsObject()
  @ValidateNested()
  @Type(() => FirstContact)
  firstContact!: FirstContact;

  @IsISO8601({ strict: true })
  acceptedAt!: string;

  /** The utilities the form asks for; each takes only its own section. */
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(UTILITIES, { each: true })
  services!: Utility[];
}

/** Published by intake when an application is accepted at a window or online. */
export class ApplicationAccepted extends EventEnvelope<
  'ApplicationAccepted',
  ApplicationAcceptedData
> {
  @ValidateNested()
  @Type(() => ApplicationAcceptedData)
  declare data: ApplicationAcceptedData;
}
