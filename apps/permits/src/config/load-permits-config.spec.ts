import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PERMIT_TYPES } from '@joint/contracts';
import { ConfigError } from '@joint/platform';

import { loadPermitsConfig, PERMITS_CONFIG_FILE_ENV } from './load-permits-config';

const CHECKED_IN = join(__dirname, '..', '..', 'config', 'permits.json');

/** Writes the checked-in config changed by `edit` to a file of its own and returns its env. */
function envWith(edit: (config: Record<string, unknown>) => void): NodeJS.ProcessEnv {
  const config = JSON.parse(readFileSync(CHECKED_IN, 'utf8')) as Record<string, unknown>;
  edit(config);
  const file = join(mkdtempSync(join(tmpdir(), 'permits-config-')), 'permits.json');
  writeFileSync(file, JSON.stringify(config));
  return { [PERMITS_CONFIG_FILE_ENV]: file };
}

describe('loadPermitsConfig', () => {
  it('routes every permit type of the checked-in file to a listed department', () => {
    const config = loadPermitsConfig({});

    const codes = config.departments.map((d) => d.code);
    for (const type of PERMIT_TYPES) expect(codes).toContain(config.routing[type]);
    expect(config.routing.road_excavation).toBe('housing_construction');
    expect(config.routing.tree_relocation).toBe('forestry_landscaping');
    expect(config).toMatchObject({
      decisionLimitWorkingDays: 2,
      jointWorksWindowWorkingDays: 10,
      sameRoadGroupingDays: 30,
    });
  });

  it('takes the seed notice defaults for limits the file leaves out', () => {
    const env = envWith((config) => {
      delete config.decisionLimitWorkingDays;
      delete config.jointWorksWindowWorkingDays;
    });

    expect(loadPermitsConfig(env)).toMatchObject({
      decisionLimitWorkingDays: 2,
      jointWorksWindowWorkingDays: 10,
    });
  });

  it('stops with a message naming a route to an unknown department', () => {
    const env = envWith((config) => {
      (config.routing as Record<string, string>).planning = 'police';
    });

    expect(() => loadPermitsConfig(env)).toThrow(ConfigError);
    expect(() => loadPermitsConfig(env)).toThrow(/routing\.planning: police is not a listed/);
  });

  it('stops with a message naming an unrouted permit type and a duplicate department', () => {
    const env = envWith((config) => {
      delete (config.routing as Record<string, string>).tree_relocation;
      const departments = config.departments as unknown[];
      departments.push(departments[0]);
    });

    expect(() => loadPermitsConfig(env)).toThrow(/routing\.tree_relocation: tree_relocation/);
    expect(() => loadPermitsConfig(env)).toThrow(/departments\.4\.code: .* is listed twice/);
  });

  it('stops on a department without its English name', () => {
    const env = envWith((config) => {
      delete (config.departments as Array<{ name: { en?: string } }>)[1].name.en;
    });

    expect(() => loadPermitsConfig(env)).toThrow(/departments\.1\.name\.en/);
  });

  it('lets PERMITS_SAME_ROAD_DAYS override the grouping window', () => {
    expect(loadPermitsConfig({ PERMITS_SAME_ROAD_DAYS: '7' }).sameRoadGroupingDays).toBe(7);
    expect(() => loadPermitsConfig({ PERMITS_SAME_ROAD_DAYS: 'soon' })).toThrow(ConfigError);
  });
});
