// Starts the five built services side by side, prefixes their log lines
// with the service name, and stops them all on Ctrl-C or when one dies.
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const readline = require('node:readline');

const { authKeyEnv } = require('./auth-keys');

const SERVICES = { intake: 3000, power: 3001, water: 3002, gas: 3003, permits: 3004 };
const keys = authKeyEnv(process.env, join(__dirname, '..', '.data', 'auth'));
const children = [];
let stopping = false;

for (const [name, defaultPort] of Object.entries(SERVICES)) {
  const port = process.env[`${name.toUpperCase()}_PORT`] ?? String(defaultPort);
  const child = spawn(process.execPath, [join(__dirname, 'run-service.js'), name], {
    env: { ...process.env, ...keys, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      process.stdout.write(`${name.padEnd(7)} | ${line}\n`);
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping everything`);
      stop(1);
    }
  });
  children.push(child);
  console.log(`${name.padEnd(7)} → http://127.0.0.1:${port}`);
}
console.log(`Kafka   → ${process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'}   (Ctrl-C stops all)`);
console.log(
  'Staff   → sign in at POST /api/auth/login; demo accounts: npm run accounts -- seed-demo',
);

function stop(code) {
  if (stopping) return;
  stopping = true;
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  let left = alive.length;
  if (left === 0) process.exit(code);
  for (const child of alive) {
    child.once('exit', () => --left === 0 && process.exit(code));
    child.kill('SIGTERM');
  }
  setTimeout(() => process.exit(code), 20_000).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
