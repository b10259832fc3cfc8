import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { REPO_ROOT } from './shared';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureAuthKeys } = require('../../tools/auth-keys') as {
  ensureAuthKeys(dir: string): { privateKeyFile: string; publicKeyFile: string };
};

const run = promisify(execFile);

/** The demo accounts' password (apps/intake/src/cli/demo-accounts.ts). */
export const DEMO_PASSWORD = 'demo-password-2026';

/** The demo accounts, one per role and scope. */
export type DemoUser =
  | 'clerk'
  | 'clerk.power-hall'
  | 'power.staff'
  | 'water.staff'
  | 'gas.staff'
  | 'officer.planning'
  | 'officer.urban'
  | 'officer.housing'
  | 'officer.forestry'
  | 'supervisor'
  | 'admin';

/** The environment that gives a test stack its own signing keys, cheap hashes, high limits. */
export function staffEnv(dir: string): Record<string, string> {
  const { privateKeyFile, publicKeyFile } = ensureAuthKeys(join(dir, 'auth'));
  return {
    AUTH_PRIVATE_KEY_FILE: privateKeyFile,
    AUTH_PUBLIC_KEY_FILE: publicKeyFile,
    // Hashing at cost 12 is for real passwords; tests sign in dozens of times.
    AUTH_BCRYPT_COST: '5',
    SUBMISSIONS_PER_CLIENT_PER_MINUTE: '100000',
  };
}

/** Runs `npm run accounts -- <args>` (built) against the stack's intake database. */
export async function accountsCli(
  env: Record<string, string>,
  args: string[],
): Promise<{ stdout: string; stderr: string }> {
  const cli = join(REPO_ROOT, 'dist', 'apps', 'intake', 'src', 'cli', 'accounts.js');
  return run(
    process.execPath,
    ['-r', join(REPO_ROOT, 'tools', 'register-paths.js'), cli, ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    },
  );
}

/** Signs demo users in at intake once each, and hands out their `Authorization` header. */
export class StaffSessions {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(private readonly intakeUrl: string) {}

  async headers(user: DemoUser): Promise<Record<string, string>> {
    let token = this.tokens.get(user);
    if (!token) {
      token = this.signIn(user);
      this.tokens.set(user, token);
    }
    return { authorization: `Bearer ${await token}` };
  }

  private async signIn(username: string): Promise<string> {
    const res = await fetch(`${this.intakeUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    const body = (await res.json()) as { accessToken?: string };
    if (res.status !== 200 || !body.accessToken) {
      throw new Error(`${username} could not sign in: ${res.status} ${JSON.stringify(body)}`);
    }
    return body.accessToken;
  }
}
