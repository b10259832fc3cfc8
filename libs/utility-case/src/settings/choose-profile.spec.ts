import type { GasRequest, PowerRequest, WaterRequest } from '@joint/contracts';

import { catalogueOf } from '../catalogue/catalogue.controller';
import { chooseProfile, feesFor } from './choose-profile';
import { loadUtilitySettings } from './load-utility-settings';

describe('chooseProfile', () => {
  const power = loadUtilitySettings('power', {});
  const water = loadUtilitySettings('water', {});
  const gas = loadUtilitySettings('gas', {});

  const powerOf = (mainCapacityKva: number): PowerRequest => ({
    type: 'new',
    mainCapacityKva,
    backupCapacityKva: 0,
  });
  const waterOf = (dualSupply: boolean): WaterRequest => ({
    type: 'new_account',
    meterSizeDn: 50,
    dualSupply,
  });
  const gasOf = (supplyPressureKpa: number): GasRequest => ({
    usage: 'production',
    flowM3PerHour: 120,
    supplyPressureKpa,
    expectedStartDate: '2027-03-01',
  });

  it.each([
    [100, 'low_voltage'],
    [159.9, 'low_voltage'],
    [160, 'high_voltage'],
    [630, 'high_voltage'],
  ])('takes power of %s kVA as %s', (kva, profile) => {
    expect(chooseProfile(power, powerOf(kva))).toBe(profile);
  });

  it('takes water with dual supply as dual_supply, which always has external works', () => {
    const profile = chooseProfile(water, waterOf(true));

    expect(profile).toBe('dual_supply');
    expect(water.profiles[profile].externalWorks).toBe('always');
    expect(chooseProfile(water, waterOf(false))).toBe('single_supply');
  });

  it.each([
    [200, 'medium_pressure'],
    [10.5, 'medium_pressure'],
    [10, 'low_pressure'],
    [2.5, 'low_pressure'],
  ])('takes gas at %s kPa as %s', (kpa, profile) => {
    expect(chooseProfile(gas, gasOf(kpa))).toBe(profile);
  });

  it('gives low-voltage power no external works unless the survey finds them', () => {
    expect(power.profiles.low_voltage.externalWorks).toBe('none_unless_survey_finds');
  });

  it('keeps low-voltage power within 15 working days end to end, shorter than high voltage', () => {
    const longest = (profile: string) =>
      catalogueOf(power).profiles.find((p) => p.name === profile);

    expect(longest('low_voltage')?.totalWorkingDays).toBe(14);
    expect(longest('low_voltage')?.paths.map((p) => p.totalWorkingDays)).toEqual([8, 10, 14]);
    expect(longest('high_voltage')?.totalWorkingDays).toBeGreaterThan(15);
  });

  describe('feesFor', () => {
    it('charges a small low-voltage power user nothing', () => {
      const fees = feesFor(power, 'low_voltage', powerOf(100));

      expect(fees.map((f) => f.code)).toEqual(['low_voltage_connection', 'metering_device']);
      expect(fees.every((f) => f.amountYuan === 0)).toBe(true);
    });

    it('charges high reliability per kVA of backup capacity', () => {
      const request = { ...powerOf(630), backupCapacityKva: 200 };
      const fee = feesFor(power, 'high_voltage', request).find(
        (f) => f.code === 'high_reliability_supply',
      );

      expect(fee?.amountYuan).toBe(200 * 160);
    });

    it('prices the water meter by its size', () => {
      const meter = (dn: WaterRequest['meterSizeDn']) =>
        feesFor(water, 'single_supply', { ...waterOf(false), meterSizeDn: dn }).find(
          (f) => f.code === 'meter',
        )?.amountYuan;

      expect(meter(25)).toBe(0);
      expect(meter(80)).toBe(2200);
    });
  });
});
