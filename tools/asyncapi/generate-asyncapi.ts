import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { format, resolveConfig } from 'prettier';
import { stringify } from 'yaml';

import { buildAsyncApiDocument } from './asyncapi-document';

const REPO_ROOT = resolve(__dirname, '..', '..');

/** Where the document is committed. */
export const ASYNCAPI_FILE = join(REPO_ROOT, 'docs', 'asyncapi.yaml');

const HEADER = '# Generated from libs/contracts by `npm run asyncapi`: do not edit by hand.\n';

/** The document as committed: YAML as Prettier lays it out, at the repository's version. */
export async function renderAsyncApi(): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const yaml = stringify(buildAsyncApiDocument(version), {
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
  const options = await resolveConfig(ASYNCAPI_FILE);
  return format(HEADER + yaml, { ...options, parser: 'yaml' });
}

/** Writes the document; with `--stdout`, prints it instead (the drift test compares that). */
async function main(): Promise<void> {
  const text = await renderAsyncApi();
  if (process.argv.includes('--stdout')) {
    process.stdout.write(text);
    return;
  }
  writeFileSync(ASYNCAPI_FILE, text);
  console.log(`wrote ${ASYNCAPI_FILE}`);
}

if (require.main === module) void main();
