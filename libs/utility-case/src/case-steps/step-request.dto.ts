import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import {
  CASE_EVENTS,
  CASE_STEPS,
  ExternalWorks,
  FieldError,
  PERMIT_TYPES,
  PHONE_PATTERN,
  PermitType,
  ServiceStep,
} from '@joint/contracts';

class WithNote {
  /**
   * Accepted for older clients and ignored: who took the step is the signed-in
   * staff member, never a name in the body.
   */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** `POST /api/cases/:applicationNo/specialist`. */
export class AssignSpecialistRequest extends WithNote {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  name!: string;

  /** A work phone, shown to the enterprise. */
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phone must be a mainland mobile or a landline' })
  phone!: string;
}

/** `POST /api/cases/:applicationNo/steps`: the next step and what it carries. */
export class StepRequest extends WithNote {
  /** Any step or event name; whether it may be taken now is the workflow's to say (409). */
  @IsIn([...CASE_STEPS, ...CASE_EVENTS])
  step!: ServiceStep;

  @IsOptional()
  @ValidateNested()
  @Type(() => ExternalWorks)
  externalWorks?: ExternalWorks;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  contractNo?: string;

  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(PERMIT_TYPES, { each: true })
  permits?: PermitType[];

  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  reasons?: string[];
}

type StepField = 'externalWorks' | 'contractNo' | 'permits' | 'reasons';

/** The field each step must carry; every other step field is refused. */
const REQUIRED: Partial<Record<ServiceStep, StepField>> = {
  survey_done: 'externalWorks',
  plan_confirmed: 'contractNo',
  permits_requested: 'permits',
  returned: 'reasons',
};
const STEP_FIELDS: StepField[] = ['externalWorks', 'contractNo', 'permits', 'reasons'];

/** What the field checks cannot say: which fields the chosen step needs and takes. */
export function stepFieldErrors(request: StepRequest): FieldError[] {
  const required = REQUIRED[request.step];
  const errors: FieldError[] = [];
  for (const field of STEP_FIELDS) {
    const given = request[field] !== undefined;
    if (field === required && !given) {
      errors.push({ field, message: `${field} is required on ${request.step}` });
    } else if (field !== required && given) {
      errors.push({ field, message: `${field} is not taken on ${request.step}` });
    }
  }
  return [...errors, ...externalWorksErrors(request.externalWorks)];
}

/** Works that are required must say where they run and how long they are. */
function externalWorksErrors(works: ExternalWorks | undefined): FieldError[] {
  if (!works?.required) return [];
  const errors: FieldError[] = [];
  if (!works.route) {
    errors.push({ field: 'externalWorks.route', message: 'route is required with external works' });
  }
  if (works.lengthM === undefined) {
    errors.push({
      field: 'externalWorks.lengthM',
      message: 'lengthM is required with external works',
    });
  }
  return errors;
}
