#!/usr/bin/env node
// Runs a command with Node 22 first on PATH, so that it and every `node` it starts (Jest's
// workers, spawned servers, `#!/usr/bin/env node` scripts) run on Node 22.
const { spawnSync } = require('node:child_process');
const { delimiter, dirname } = require('node:path');
const node22 = require('./index.cjs');

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-node22 <command> [args…]');
  process.exit(2);
}
const result = spawnSync(command, args, {
  stdio: 'inherit',
  env: { ...process.env, PATH: `${dirname(node22)}${delimiter}${process.env.PATH ?? ''}` },
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
