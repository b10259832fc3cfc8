// Starts one compiled service: `node tools/run-service.js intake`.
// Build first with `npm run build`.
const path = require('node:path');

const name = process.argv[2];
const known = ['intake', 'power', 'water', 'gas', 'permits'];
if (!known.includes(name)) {
  console.error(`usage: node tools/run-service.js <${known.join('|')}>`);
  process.exit(2);
}

require('reflect-metadata');
require('./register-paths');
require(path.resolve(__dirname, '..', 'dist', 'apps', name, 'src', 'main.js'));
