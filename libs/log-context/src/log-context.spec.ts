import { currentLogContext, withLogContext } from './log-context';

describe('withLogContext', () => {
  it('adds to the context in force and forgets it afterwards', async () => {
    await withLogContext({ correlationId: 'c-1' }, async () => {
      await Promise.resolve();
      withLogContext({ applicationNo: 'YJ-20261204-000001' }, () => {
        expect(currentLogContext()).toEqual({
          correlationId: 'c-1',
          applicationNo: 'YJ-20261204-000001',
        });
      });
      expect(currentLogContext()).toEqual({ correlationId: 'c-1' });
    });

    expect(currentLogContext()).toEqual({});
  });
});
