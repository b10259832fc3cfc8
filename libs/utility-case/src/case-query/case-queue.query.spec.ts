import { parseQueueQuery } from './case-queue.query';

describe('parseQueueQuery', () => {
  it('reads every filter', () => {
    expect(
      parseQueueQuery({ status: 'returned', step: 'survey_done', overdue: 'true', page: '2' }),
    ).toEqual({
      ok: true,
      value: { status: 'returned', step: 'survey_done', overdue: true, page: 2 },
    });
  });

  it('starts at page 1', () => {
    expect(parseQueueQuery({})).toEqual({ ok: true, value: { page: 1 } });
  });

  it('names every bad filter', () => {
    const parsed = parseQueueQuery({
      status: 'open',
      step: 'painted',
      overdue: 'yes',
      page: '0',
      x: '1',
    });

    expect(parsed.ok ? [] : parsed.errors.map((e) => e.field)).toEqual([
      'x',
      'status',
      'step',
      'overdue',
      'page',
    ]);
  });
});
