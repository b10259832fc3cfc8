import { validatePlain } from '@joint/contracts';

import { StepRequest, stepFieldErrors } from './step-request.dto';

function fieldsOf(body: object): string[] {
  const checked = validatePlain(StepRequest, body);
  if (!checked.ok) return checked.errors.map((e) => e.field).sort();
  return stepFieldErrors(checked.value)
    .map((e) => e.field)
    .sort();
}

describe('StepRequest', () => {
  it.each<[string, object, string[]]>([
    [
      'a survey with works',
      { step: 'survey_done', externalWorks: { required: true, route: 'r', lengthM: 80 } },
      [],
    ],
    ['a survey without works', { step: 'survey_done', externalWorks: { required: false } }, []],
    ['a survey saying nothing', { step: 'survey_done' }, ['externalWorks']],
    [
      'works without route and length',
      { step: 'survey_done', externalWorks: { required: true } },
      ['externalWorks.lengthM', 'externalWorks.route'],
    ],
    ['a plan without contract', { step: 'plan_confirmed' }, ['contractNo']],
    ['permits of no kind', { step: 'permits_requested', permits: [] }, ['permits']],
    ['an unknown permit', { step: 'permits_requested', permits: ['fishing'] }, ['permits']],
    ['a return without reasons', { step: 'returned' }, ['reasons']],
    ['a contract on construction', { step: 'construction_done', contractNo: 'X' }, ['contractNo']],
    ['an unknown step', { step: 'painted' }, ['step']],
    ['an unknown field', { step: 'resumed', colour: 'red' }, ['colour']],
    ['permits_granted (the workflow refuses it, not the body)', { step: 'permits_granted' }, []],
  ])('%s', (_what, body, fields) => {
    expect(fieldsOf(body)).toEqual(fields);
  });
});
