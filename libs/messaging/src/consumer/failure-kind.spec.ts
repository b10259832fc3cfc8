import { isInfrastructureFailure } from './failure-kind';

function withProps(message: string, props: object): Error {
  return Object.assign(new Error(message), props);
}

describe('isInfrastructureFailure', () => {
  it('takes lost connections and refused databases for the database’s failure', () => {
    expect(isInfrastructureFailure(withProps('terminating connection', { code: '57P01' }))).toBe(
      true,
    );
    expect(isInfrastructureFailure(withProps('not accepting', { code: '55000' }))).toBe(true);
    expect(isInfrastructureFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    const wrapped = withProps('query failed', { driverError: withProps('x', { code: '08006' }) });
    expect(isInfrastructureFailure(wrapped)).toBe(true);
  });

  it('takes retriable broker errors for the broker’s failure', () => {
    const kafka = withProps('leader moved', { name: 'KafkaJSProtocolError', retriable: true });
    expect(isInfrastructureFailure(kafka)).toBe(true);
  });

  it('leaves the event’s own failures to the event', () => {
    expect(isInfrastructureFailure(withProps('duplicate key', { code: '23505' }))).toBe(false);
    expect(isInfrastructureFailure(new Error('cannot apply this one'))).toBe(false);
    expect(isInfrastructureFailure('a string')).toBe(false);
  });
});
