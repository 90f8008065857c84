// Shared by `npm start`, the `opstage` CLI launcher and `npm run demo`: installs dependencies (including the pinned Node 24) when
// needed and rebuilds what changed. Plain CommonJS so it also runs under an older system Node before the install.
const { spawnSync } = require('node:child_process');
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const pinnedNode = join(root, 'node_modules', '.bin', 'node');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const built = join(root, 'dist', 'server', 'apps');
const serverEntry = join(built, 'opstage', 'src', 'main.js');
const cliEntry = join(built, 'opstage', 'src', 'cli', 'main.js');
const demoEntry = join(built, 'demo-capsule-service', 'src', 'main.js');
/** What `nest build opstage` compiles (tsconfig.build.json): the backend, its libraries, the SDK and the demo. */
const BACKEND_SOURCES = ['apps/opstage/src', 'apps/demo-capsule-service/src', 'libs/contracts/src', 'libs/agent-client/src', 'libs/agent-sdk/src', 'migrations'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
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

/** The console, when this checkout has one (angular.json), rebuilt when its sources are newer than its build. */
function ensureConsoleBuilt() {
  if (!existsSync(join(root, 'angular.json'))) return;
  const index = join(root, 'dist', 'console', 'browser', 'index.html');
  const sources = Math.max(newestMtime(join(root, 'apps', 'console')), newestMtime(join(root, 'angular.json')));
  if (!existsSync(index) || statSync(index).mtimeMs < sources) run(['exec', '--', 'ng', 'build', 'console']);
}

/** Rebuilds the backend when `entry` is missing or older than its sources; for the server, the console it serves too. */
function ensureBuilt(entry) {
  const sources = Math.max(...BACKEND_SOURCES.map((dir) => newestMtime(join(root, dir))));
  if (!existsSync(entry) || statSync(entry).mtimeMs < sources) run(['exec', '--', 'nest', 'build', 'opstage']);
  if (entry === serverEntry) ensureConsoleBuilt();
}

module.exports = { root, pinnedNode, serverEntry, cliEntry, demoEntry, isCheckout, ensureInstalled, ensureBuilt, ensureConsoleBuilt };
