// For the `opstage` CLI launcher: installs dependencies (including the pinned Node 24) when needed and rebuilds the
// backend (not the console, which the CLI does not need) when its sources changed. Same rules as `npm start`.
// Plain CommonJS so it also runs under an older system Node.
const { spawnSync } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const pinnedNode = join(root, 'node_modules', '.bin', 'node');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const cliEntry = join(root, 'dist', 'server', 'apps', 'opstage', 'src', 'cli', 'main.js');

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

// npm's own output goes to stderr, so a command's stdout (e.g. a token printed once) stays clean.
function run(args) {
  const result = spawnSync(npm, args, { cwd: root, stdio: ['inherit', process.stderr, 'inherit'], env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** A source checkout (not the container image, which ships only dist/ and production dependencies). */
function isCheckout() {
  return existsSync(join(root, 'apps', 'opstage', 'src'));
}

function ensureInstalled() {
  const installedMarker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(pinnedNode) || !existsSync(installedMarker) || statSync(join(root, 'package-lock.json')).mtimeMs > statSync(installedMarker).mtimeMs) {
    run(['install', '--no-audit', '--no-fund']);
  }
}

function ensureBuilt(entry) {
  const sources = Math.max(newestMtime(join(root, 'apps', 'opstage', 'src')), newestMtime(join(root, 'libs', 'contracts', 'src')), newestMtime(join(root, 'migrations')));
  if (!existsSync(entry) || statSync(entry).mtimeMs < sources) run(['exec', '--', 'nest', 'build', 'opstage']);
}

module.exports = { root, pinnedNode, cliEntry, isCheckout, ensureInstalled, ensureBuilt };
