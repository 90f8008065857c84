#!/usr/bin/env node
// The `opstage` operator CLI (`npm run opstage -- <command>`, or `opstage <command>` once linked or in the image).
// In a source checkout it installs and builds when needed and runs on the pinned Node 24; in the container image
// (dist/ and production dependencies only) it runs the compiled CLI on the image's Node.
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { cliEntry, pinnedNode, isCheckout, ensureInstalled, ensureBuilt } = require('./ensure-ready.cjs');

if (isCheckout()) {
  ensureInstalled();
  ensureBuilt(cliEntry);
}
const node = existsSync(pinnedNode) ? pinnedNode : process.execPath;
// The working directory is kept: relative paths (OPSTAGE_DATA_DIR, --out FILE) mean what the operator typed.
const child = spawn(node, [cliEntry, ...process.argv.slice(2)], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
