import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository's root. */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** `../shared` beside the repository: the samples and the contract. */
export const SHARED_DIR = process.env.SHARED_DIR ?? join(REPO_ROOT, '..', 'shared');

export interface SampleForm {
  name: string;
  form: Record<string, unknown> & {
    channel: string;
    enterprise: { contactPhone: string; contactName: string; name: string };
  };
  badFields?: string[];
}

export function readSamples(file: 'applications.json' | 'invalid-applications.json'): SampleForm[] {
  return JSON.parse(readFileSync(join(SHARED_DIR, 'samples', file), 'utf8')) as SampleForm[];
}

/** One form of `applications.json`, by its name. */
export function sampleNamed(name: string): SampleForm {
  const found = readSamples('applications.json').find((s) => s.name === name);
  if (!found) throw new Error(`no sample ${name} in applications.json`);
  return found;
}
