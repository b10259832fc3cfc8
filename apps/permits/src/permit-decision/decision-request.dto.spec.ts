import { validatePlain } from '@joint/contracts';

import { Permit } from '../permit/permit.entity';
import { DecisionRequest } from './decision-request.dto';
import { applyDecision } from './permit-decision.service';

const fieldsOf = (body: unknown) => {
  const checked = validatePlain(DecisionRequest, body);
  return checked.ok ? [] : [...new Set(checked.errors.map((e) => e.field))];
};

describe('DecisionRequest', () => {
  it('takes a grant with conditions', () => {
    const checked = validatePlain(DecisionRequest, {
      decision: 'granted',
      officer: 'ZJ-017',
      conditions: 'restore the surface within 3 days',
    });

    expect(checked.ok).toBe(true);
  });

  it('requires a reason for a rejection', () => {
    expect(fieldsOf({ decision: 'rejected', officer: 'ZJ-017' })).toEqual(['reason']);
    expect(fieldsOf({ decision: 'rejected', officer: 'ZJ-017', reason: '' })).toEqual(['reason']);
    expect(fieldsOf({ decision: 'rejected', officer: 'ZJ-017', reason: 'too close' })).toEqual([]);
  });

  it('names every bad field, unknown ones too', () => {
    expect(fieldsOf({ decision: 'maybe', officer: '', extra: 1 }).sort()).toEqual([
      'decision',
      'extra',
      'officer',
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(fieldsOf('granted')).toEqual(['(body)']);
  });
});

describe('applyDecision', () => {
  const at = new Date('2026-12-03T08:00:00Z');
  const undecided = () => Object.assign(new Permit(), { status: 'requested' });

  it('keeps the conditions of a grant and no reason', () => {
    const permit = undecided();

    applyDecision(permit, { decision: 'granted', officer: 'o', conditions: 'c', reason: 'r' }, at);

    expect(permit).toMatchObject({
      status: 'granted',
      officer: 'o',
      conditions: 'c',
      reason: null,
      decidedAt: at,
    });
  });

  it('keeps the reason of a rejection and no conditions', () => {
    const permit = undecided();

    applyDecision(permit, { decision: 'rejected', officer: 'o', conditions: 'c', reason: 'r' }, at);

    expect(permit).toMatchObject({ status: 'rejected', conditions: null, reason: 'r' });
  });
});
