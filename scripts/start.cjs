#!/usr/bin/env node
// `npm start`: installs dependencies (including the pinned Node 24) when needed, builds when sources changed, then
// runs Opstage with the pinned Node. Plain CommonJS so it also runs under an older system Node before the install.
const { spawnSync, spawn } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const pinnedNode = join(root, 'node_modules', '.bin', 'node');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function run(args) {
  const result = spawnSync(npm, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const installedMarker = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(pinnedNode) || !existsSync(installedMarker) || statSync(join(root, 'package-lock.json')).mtimeMs > statSync(installedMarker).mtimeMs) {
  run(['install', '--no-audit', '--no-fund']);
}
const entry = join(root, 'dist', 'server', 'apps', 'opstage', 'src', 'main.js');
const sources = Math.max(newestMtime(join(root, 'apps', 'opstage', 'src')), newestMtime(join(root, 'libs', 'contracts', 'src')), newestMtime(join(root, 'migrations')));
if (!existsSync(entry) || statSync(entry).mtimeMs < sources) run(['run', 'build']);

const child = spawn(pinnedNode, [entry], { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
