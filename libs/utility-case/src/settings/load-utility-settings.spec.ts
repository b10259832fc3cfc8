import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CASE_STEPS } from '@joint/contracts';
import { ConfigError } from '@joint/platform';

import { loadUtilitySettings, settingsFileOf } from './load-utility-settings';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('loadUtilitySettings', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'utility-settings-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function fileWith(content: string): NodeJS.ProcessEnv {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, content);
    return { UTILITY_CONFIG_FILE: file };
  }

  /** Power's checked-in settings, changed by `change`. */
  function powerWith(change: (settings: Json) => void): NodeJS.ProcessEnv {
    const settings = JSON.parse(readFileSync(settingsFileOf('power', {}), 'utf8')) as Json;
    change(settings);
    return fileWith(JSON.stringify(settings));
  }

  it.each(['power', 'water', 'gas'] as const)('reads the checked-in settings of %s', (utility) => {
    const settings = loadUtilitySettings(utility, {});

    expect(settings.utility).toBe(utility);
    expect(Object.keys(settings.profiles)).toHaveLength(2);
    expect(settings.profiles[settings.defaultProfile]).toBeDefined();
  });

  it('gives every profile a limit for every step it can take', () => {
    const { profiles } = loadUtilitySettings('power', {});

    for (const step of CASE_STEPS.filter((s) => s !== 'received')) {
      expect(profiles.low_voltage.limits[step]).toBeGreaterThanOrEqual(0);
    }
  });

  it('finds the checked-in file from the repository root', () => {
    expect(settingsFileOf('water', {})).toMatch(/apps\/water\/config\/water\.json$/);
  });

  it.each<[string, (settings: Json) => void, RegExp]>([
    [
      'a negative limit',
      (s) => (s.profiles.low_voltage.limits.survey_done = -2),
      /profiles\.low_voltage\.limits\.survey_done: must be a whole number/,
    ],
    [
      'a missing limit of a step the profile can take',
      (s) => delete s.profiles.high_voltage.limits.inspection_passed,
      /profiles\.high_voltage\.limits\.inspection_passed: inspection_passed can be taken/,
    ],
    [
      'a limit for a step that has none',
      (s) => (s.profiles.low_voltage.limits.received = 1),
      /profiles\.low_voltage\.limits\.received: is not a step with a time limit/,
    ],
    [
      'an unknown external works rule',
      (s) => (s.profiles.low_voltage.externalWorks = 'sometimes'),
      /profiles\.low_voltage\.externalWorks: must be one of always/,
    ],
    [
      'a rule on a field the section does not have',
      (s) => (s.rules[0].field = 'mainCapacityKw'),
      /rules\[0\]\.field: mainCapacityKw is not a field of the form's power section/,
    ],
    [
      'a rule naming an unknown profile',
      (s) => (s.rules[0].profile = 'medium_voltage'),
      /rules\[0\]\.profile: medium_voltage is not one of the profiles/,
    ],
    [
      'a rule with two tests',
      (s) => (s.rules[0].above = 10),
      /rules\[0\]: must have exactly one of below, above, equals/,
    ],
    [
      'a fee code not in the catalogue',
      (s) => {
        s.profiles.low_voltage.fees = [...(s.profiles.low_voltage.fees as string[]), 'stamp_duty'];
      },
      /profiles\.low_voltage\.fees\[2\]: stamp_duty is not a fee item/,
    ],
    [
      'a fee without an amount',
      (s) => delete s.fees.metering_device.amountYuan,
      /fees\.metering_device: must give its amount in exactly one of/,
    ],
    [
      'a per-unit fee on a text field',
      (s) => (s.fees.high_reliability_supply.perUnit.field = 'type'),
      /fees\.high_reliability_supply\.perUnit\.field: type is a string, not a number/,
    ],
    [
      'an unknown default profile',
      (s) => (s.defaultProfile = 'medium_voltage'),
      /defaultProfile: defaultProfile must name one of the profiles/,
    ],
    [
      'a misspelt setting',
      (s) => (s.profiles.low_voltage.limit = {}),
      /profiles\.low_voltage\.limit: is not a known setting/,
    ],
  ])('names the bad entry: %s', (_what, change, message) => {
    const env = powerWith(change);

    expect(() => loadUtilitySettings('power', env)).toThrow(ConfigError);
    expect(() => loadUtilitySettings('power', env)).toThrow(message);
  });

  it('names every bad entry at once', () => {
    const env = powerWith((s) => {
      s.rules[0].field = 'kva';
      s.profiles.high_voltage.limits.connected = 1.5;
    });

    expect(() => loadUtilitySettings('power', env)).toThrow(
      /rules\[0\]\.field[\s\S]*profiles\.high_voltage\.limits\.connected|profiles\.high_voltage\.limits\.connected[\s\S]*rules\[0\]\.field/,
    );
  });

  it('refuses the settings of another utility', () => {
    const env = powerWith((s) => (s.utility = 'gas'));

    expect(() => loadUtilitySettings('power', env)).toThrow(/utility: utility must be power/);
  });

  it('refuses a file that is not JSON, or missing', () => {
    expect(() => loadUtilitySettings('power', fileWith('{ limits: 1 '))).toThrow(ConfigError);
    expect(() => loadUtilitySettings('power', { UTILITY_CONFIG_FILE: join(dir, 'none') })).toThrow(
      /cannot read utility settings/,
    );
  });

  it('names a missing section', () => {
    expect(() => loadUtilitySettings('power', fileWith('{"utility":"power"}'))).toThrow(
      /profiles: must be an object/,
    );
  });
});
