// The key pair staff tokens are signed (intake) and checked (every service)
// with, for `npm start` on a developer's machine: made once into .data/auth
// unless the environment names its own. Production sets AUTH_PRIVATE_KEY_FILE
// on intake and AUTH_PUBLIC_KEY_FILE everywhere (README, configuration).
const { generateKeyPairSync } = require('node:crypto');
const { existsSync, mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

function ensureAuthKeys(dir) {
  const privateKeyFile = join(dir, 'private.pem');
  const publicKeyFile = join(dir, 'public.pem');
  if (!existsSync(privateKeyFile) || !existsSync(publicKeyFile)) {
    mkdirSync(dir, { recursive: true });
    const { privateKey, publicKey } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    writeFileSync(privateKeyFile, privateKey, { mode: 0o600 });
    writeFileSync(publicKeyFile, publicKey);
  }
  return { privateKeyFile, publicKeyFile };
}

/** The environment's own keys, or the local pair. */
function authKeyEnv(env, dir) {
  const given = [
    'AUTH_PUBLIC_KEY',
    'AUTH_PUBLIC_KEY_FILE',
    'AUTH_PRIVATE_KEY',
    'AUTH_PRIVATE_KEY_FILE',
  ];
  if (given.some((name) => env[name])) return {};
  const { privateKeyFile, publicKeyFile } = ensureAuthKeys(dir);
  return { AUTH_PRIVATE_KEY_FILE: privateKeyFile, AUTH_PUBLIC_KEY_FILE: publicKeyFile };
}

module.exports = { ensureAuthKeys, authKeyEnv };
