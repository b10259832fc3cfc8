import { ConsumerWatchdog, RestartBudget } from './consumer-watchdog';

describe('ConsumerWatchdog', () => {
  let now = 0;
  const sut = () => new ConsumerWatchdog(1_000, () => now);

  beforeEach(() => {
    now = 0;
  });

  it('is healthy while the consumer fetches or heartbeats within the bound', () => {
    const watchdog = sut();
    watchdog.started();
    now = 900;
    watchdog.active();
    now = 1_800;

    expect(watchdog.problem()).toBeUndefined();
  });

  it('reports a running consumer silent past the bound as stalled', () => {
    const watchdog = sut();
    watchdog.started();
    now = 1_500;

    expect(watchdog.problem()).toMatchObject({ kind: 'stalled' });
  });

  it('does not count silence of a consumer stopped on purpose', () => {
    const watchdog = sut();
    watchdog.started();
    watchdog.stoppedOnPurpose();
    now = 5_000;

    expect(watchdog.problem()).toBeUndefined();
  });

  it('ignores a crash kafkajs restarts and reports one it does not', () => {
    const watchdog = sut();
    watchdog.started();

    expect(watchdog.crashed('broker moved', true)).toBeUndefined();
    expect(watchdog.problem()).toBeUndefined();
    expect(watchdog.crashed('boom', false)).toEqual({
      kind: 'crashed',
      reason: 'consumer crashed: boom',
    });
    expect(watchdog.problem()?.kind).toBe('crashed');
  });

  it('clears an empty assignment at the next join and everything at a restart', () => {
    const watchdog = sut();
    watchdog.started();
    watchdog.unassigned(['a', 'b']);
    expect(watchdog.problem()?.reason).toMatch(/holds no partition of a, b/);

    watchdog.joined();
    expect(watchdog.problem()).toBeUndefined();

    watchdog.stoppedUnexpectedly();
    watchdog.started();
    expect(watchdog.problem()).toBeUndefined();
  });
});

describe('RestartBudget', () => {
  it('allows max restarts per window and more once old ones leave it', () => {
    let now = 0;
    const budget = new RestartBudget(3, 300_000, () => now);

    expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    now = 300_001;
    expect(budget.take()).toBe(true);
  });
});
