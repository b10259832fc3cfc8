import { IsIn, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';

export const DECISIONS = ['granted', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];

/** `POST /api/permits/{id}/decision`: a department's decision on one permit. */
export class DecisionRequest {
  @IsIn(DECISIONS)
  decision!: Decision;

  /**
   * Accepted for older clients and ignored: the officer recorded is the one
   * signed in, never a name in the body.
   */
  @IsOptional()
  @Length(1, 64, { message: 'officer must be a string of 1 to 64 characters' })
  officer?: string;

  /** On a grant: what the works must keep to. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  conditions?: string;

  /** Required on a rejection: it goes back to the utility and the enterprise. */
  @ValidateIf(
    (request: DecisionRequest) => request.decision === 'rejected' || request.reason !== undefined,
  )
  @Length(1, 1000, {
    message: 'reason is required when the decision is rejected, as 1 to 1000 characters',
  })
  reason?: string;
}
