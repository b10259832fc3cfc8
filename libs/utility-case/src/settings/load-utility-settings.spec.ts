import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConfigError } from '@joint/platform';

import { loadUtilitySettings, settingsFileOf } from './load-utility-settings';

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

  it.each(['power', 'water', 'gas'] as const)('reads the checked-in settings of %s', (utility) => {
    const settings = loadUtilitySettings(utility, {});

    expect(settings.utility).toBe(utility);
    expect(settings.limits.receivedToNextStepWorkingDays).toBeGreaterThanOrEqual(0);
  });

  it('finds the checked-in file from the repository root', () => {
    expect(settingsFileOf('water', {})).toMatch(/apps\/water\/config\/water\.json$/);
  });

  it('names the bad entry', () => {
    const env = fileWith(
      JSON.stringify({ utility: 'power', limits: { receivedToNextStepWorkingDays: -2 } }),
    );

    expect(() => loadUtilitySettings('power', env)).toThrow(
      /limits\.receivedToNextStepWorkingDays: .*not be less than 0/,
    );
  });

  it('refuses the settings of another utility', () => {
    const env = fileWith(
      JSON.stringify({ utility: 'gas', limits: { receivedToNextStepWorkingDays: 1 } }),
    );

    expect(() => loadUtilitySettings('power', env)).toThrow(/utility: utility must be power/);
  });

  it('refuses a file that is not JSON, or missing', () => {
    expect(() => loadUtilitySettings('power', fileWith('{ limits: 1 '))).toThrow(ConfigError);
    expect(() => loadUtilitySettings('power', { UTILITY_CONFIG_FILE: join(dir, 'none') })).toThrow(
      /cannot read utility settings/,
    );
  });

  it('names a missing section', () => {
    expect(() => loadUtilitySettings('power', fileWith('{"utility":"power"}'))).toThrow(/limits:/);
  });
});
