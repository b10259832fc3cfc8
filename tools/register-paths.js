// Lets the compiled services in dist/ resolve the workspace aliases
// (@joint/contracts and friends) to the compiled libraries.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.base.json');

const distRoot = path.resolve(__dirname, '..', 'dist');
const paths = {};
for (const [alias, targets] of Object.entries(compilerOptions.paths)) {
  paths[alias] = targets.map((target) => target.replace(/\.ts$/, '.js'));
}

tsconfigPaths.register({ baseUrl: distRoot, paths });
