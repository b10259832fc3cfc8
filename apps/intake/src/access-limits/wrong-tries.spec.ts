import { longestWait, WrongTries } from './wrong-tries';

describe('WrongTries', () => {
  it('lets a key try until it has used its wrong tries, then makes it wait', async () => {
    const tries = new WrongTries('spec-a', { maxTries: 3, windowSeconds: 60 });

    for (let i = 0; i < 2; i += 1) await tries.wrong('YJ-1');
    expect(await tries.waitFor('YJ-1')).toBe(0);

    await tries.wrong('YJ-1');
    const wait = await tries.waitFor('YJ-1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
  });

  it('counts each key on its own', async () => {
    const tries = new WrongTries('spec-b', { maxTries: 1, windowSeconds: 60 });

    await tries.wrong('YJ-1');

    expect(await tries.waitFor('YJ-1')).toBeGreaterThan(0);
    expect(await tries.waitFor('YJ-2')).toBe(0);
  });

  it('makes several limits wait as long as the longest of them', async () => {
    const short = new WrongTries('spec-c', { maxTries: 1, windowSeconds: 5 });
    const long = new WrongTries('spec-d', { maxTries: 1, windowSeconds: 50 });
    await short.wrong('k');
    await long.wrong('k');

    const wait = await longestWait([
      [short, 'k'],
      [long, 'k'],
    ]);

    expect(wait).toBeGreaterThan(5);
  });
});
