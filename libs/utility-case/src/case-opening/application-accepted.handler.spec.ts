import { Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { EventConsumer } from '@joint/messaging';

import { UtilityCase } from '../case/utility-case.entity';
import { applicationAccepted } from '../../test/application-accepted.fixture';
import { ApplicationAcceptedHandler } from './application-accepted.handler';
import { CaseOpeningService } from './case-opening.service';
import { OpenCase } from './open-case.command';

describe('ApplicationAcceptedHandler', () => {
  const manager = {} as EntityManager;
  let opened: OpenCase[];
  let sut: ApplicationAcceptedHandler;

  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  beforeEach(() => {
    opened = [];
    const cases = {
      openCases: jest.fn((commands: OpenCase[]) => {
        opened.push(...commands);
        return Promise.resolve<UtilityCase[]>([]);
      }),
    };
    const consumer = { register: jest.fn() };
    sut = new ApplicationAcceptedHandler(
      consumer as unknown as EventConsumer,
      cases as unknown as CaseOpeningService,
      { utility: 'power', profiles: {}, defaultProfile: 'any', rules: [], fees: {} },
    );
  });

  it('opens cases only for applications asking for its utility', async () => {
    const both = applicationAccepted('YJ-1', ['power', 'water']);
    const waterOnly = applicationAccepted('YJ-2', ['water']);
    const powerOnly = applicationAccepted('YJ-3', ['power']);

    await sut.handle([both, waterOnly, powerOnly], manager);

    expect(opened.map((c) => c.accepted.applicationNo)).toEqual(['YJ-1', 'YJ-3']);
    expect(opened[0].request).toEqual(both.data.form.power);
  });

  it('does not call the service when no application asks for its utility', async () => {
    await sut.handle([applicationAccepted('YJ-4', ['gas'])], manager);

    expect(opened).toEqual([]);
  });

  it('skips an application listing the utility without its section', async () => {
    const listedOnly = applicationAccepted('YJ-5', ['water']);
    listedOnly.data.services.push('power');

    await sut.handle([listedOnly], manager);

    expect(opened).toEqual([]);
  });
});
