import { consumerSettings, MessagingOptions } from './messaging-options';

const base: MessagingOptions = { producer: 'power', brokers: ['b:9092'] };

describe('consumerSettings', () => {
  it('uses the defaults when neither options nor environment say', () => {
    expect(consumerSettings(base, {})).toMatchObject({
      maxAttempts: 5,
      sessionTimeoutMs: 30_000,
      heartbeatIntervalMs: 3_000,
      maxRestarts: 3,
      restartWindowMs: 300_000,
    });
  });

  it('reads the environment, and options win over it', () => {
    const env = { KAFKA_SESSION_TIMEOUT_MS: '10000', CONSUMER_MAX_ATTEMPTS: '2' };

    expect(consumerSettings(base, env)).toMatchObject({
      maxAttempts: 2,
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 1_000,
    });
    expect(consumerSettings({ ...base, maxAttempts: 7 }, env).maxAttempts).toBe(7);
  });

  it('ignores values that are not positive integers', () => {
    expect(consumerSettings(base, { CONSUMER_MAX_ATTEMPTS: 'lots' }).maxAttempts).toBe(5);
    expect(consumerSettings(base, { KAFKA_SESSION_TIMEOUT_MS: '-1' }).sessionTimeoutMs).toBe(
      30_000,
    );
  });
});
