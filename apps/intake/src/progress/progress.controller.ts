import { Controller, Get, Headers, Param, UseFilters } from '@nestjs/common';

import { IntakeErrorFilter } from '../applications/intake-error.filter';
import { ProgressView } from './progress-view';
import { ProgressService } from './progress.service';

@Controller('api/applications')
@UseFilters(IntakeErrorFilter)
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  /** The enterprise proves it is theirs with the contact phone from the form. */
  @Get(':applicationNo/progress')
  async view(
    @Param('applicationNo') applicationNo: string,
    @Headers('x-contact-phone') contactPhone: string | undefined,
  ): Promise<ProgressView> {
    return this.progress.view(applicationNo, contactPhone);
  }
}
