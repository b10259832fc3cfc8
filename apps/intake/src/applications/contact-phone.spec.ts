import { isContactPhone } from './contact-phone';

describe('isContactPhone', () => {
  it.each([
    ['the number as written on the form', '0564-6123456'],
    ['a landline without its dash', '05646123456'],
    ['a landline with spaces', '0564 612 3456'],
  ])('takes %s', (_what, given) => {
    expect(isContactPhone('0564-6123456', given)).toBe(true);
  });

  it.each([
    ['another number', '0564-6123457'],
    ['no number', undefined],
    ['an empty one', ''],
    ['the number without its area code', '6123456'],
  ])('refuses %s', (_what, given) => {
    expect(isContactPhone('0564-6123456', given)).toBe(false);
  });
});
