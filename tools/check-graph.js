// Fails when Nx's project graph shows an app depending on another app:
// apps share only through libs/. Run by `npm test`.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const file = join(mkdtempSync(join(tmpdir(), 'nx-graph-')), 'graph.json');
execFileSync('npx', ['nx', 'graph', `--file=${file}`], {
  stdio: 'ignore',
  env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
});
const { nodes, dependencies } = JSON.parse(readFileSync(file, 'utf8')).graph;

const isApp = (name) => nodes[name]?.type === 'app';
const wrong = Object.entries(dependencies).flatMap(([source, deps]) =>
  isApp(source) ? deps.filter((d) => isApp(d.target)).map((d) => `${source} → ${d.target}`) : [],
);

for (const [source, deps] of Object.entries(dependencies)) {
  console.log(`${source}: ${deps.map((d) => d.target).join(', ') || '(nothing)'}`);
}
if (wrong.length > 0) {
  console.error(`apps must not import apps: ${wrong.join('; ')}`);
  process.exit(1);
}
