import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { validateApplicationForm, requestedServices } from './validate-application-form';

interface Sample {
  name: string;
  form: Record<string, unknown>;
  badFields?: string[];
}

const samples = (file: string): Sample[] =>
  JSON.parse(
    readFileSync(join(__dirname, '../../../../../shared/samples', file), 'utf8'),
  ) as Sample[];

describe('validateApplicationForm', () => {
  it.each(samples('applications.json').map((s) => [s.name, s]))('accepts %s', (_name, sample) => {
    const result = validateApplicationForm(sample.form);

    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it.each(samples('invalid-applications.json').map((s) => [s.name, s]))(
    'names exactly the bad fields of %s',
    (_name, sample) => {
      const result = validateApplicationForm(sample.form);

      const fields = result.ok ? [] : result.errors.map((e) => e.field).sort();
      expect(fields).toEqual([...(sample.badFields ?? [])].sort());
    },
  );

  const valid = samples('applications.json')[0].form;

  it.each([
    ['a landline with its area code', '0564-6123456', true],
    ['a landline without the dash', '05646123456', true],
    ['a mobile number', '13912345678', true],
    ['a landline without an area code', '6123456', false],
    ['a mobile number one digit short', '1391234567', false],
    ['a number starting 12', '12912345678', false],
  ])('treats %s as %s', (_what, phone, ok) => {
    const form = { ...valid, enterprise: { ...(valid.enterprise as object), contactPhone: phone } };

    expect(validateApplicationForm(form).ok).toBe(ok);
  });

  it.each([
    ['a leap day', '2028-02-29', true],
    ['a leap day in a common year', '2027-02-29', false],
    ['the 31st of April', '2027-04-31', false],
    ['a date with a time', '2027-04-01T00:00:00Z', false],
  ])('treats %s as %s', (_what, date, ok) => {
    const gas = { ...(valid.gas as object), expectedStartDate: date };

    expect(validateApplicationForm({ ...valid, gas }).ok).toBe(ok);
  });

  it.each([
    ['enterprise.name', { enterprise: { ...(valid.enterprise as object), name: '   ' } }],
    [
      'enterprise.address',
      { enterprise: { ...(valid.enterprise as object), address: '\u3000\n' } },
    ],
    ['window', { window: ' \t ' }],
  ])('refuses %s when it is only white space', (field, change) => {
    const result = validateApplicationForm({ ...valid, ...change });

    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual([field]);
  });

  it.each([
    ['power.mainCapacityKva', { power: { ...(valid.power as object), mainCapacityKva: 1e308 } }],
    ['gas.supplyPressureKpa', { gas: { ...(valid.gas as object), supplyPressureKpa: 1e6 } }],
    ['gas.flowM3PerHour', { gas: { ...(valid.gas as object), flowM3PerHour: 1e9 } }],
  ])('refuses a %s beyond any real site', (field, change) => {
    const result = validateApplicationForm({ ...valid, ...change });

    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual([field]);
  });

  it('names a field the form does not have', () => {
    const result = validateApplicationForm({ ...valid, colour: 'red' });

    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['colour']);
  });

  it('refuses a body that is not an object', () => {
    expect(validateApplicationForm([1, 2]).ok).toBe(false);
    expect(validateApplicationForm(null).ok).toBe(false);
  });

  it('accepts backup capacity 0 but not main capacity 0', () => {
    const power = { type: 'new', mainCapacityKva: 0, backupCapacityKva: 0 };
    const result = validateApplicationForm({ ...valid, power });

    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['power.mainCapacityKva']);
  });
});

describe('requestedServices', () => {
  it('lists the sections present, in form order', () => {
    expect(requestedServices({ gas: {}, power: {} })).toEqual(['power', 'gas']);
  });
});
