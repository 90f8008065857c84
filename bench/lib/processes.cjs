// Starting and measuring the servers under test: real processes on loopback, each with its own SQLite file.
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { join } = require('node:path');

const { withServerNodeOptions } = require('../../scripts/server-node-options.cjs');

const ROOT = join(__dirname, '..', '..');
const SERVER_MAIN = join(ROOT, 'dist', 'server', 'apps', 'opstage', 'src', 'main.js');
const BASELINE_MAIN = join(ROOT, 'bench', 'baseline', 'server.cjs');
/** Both servers' session secret: the baseline checks the cookies Opstage issued (B5) the way Opstage does. */
const SESSION_SECRET = 'b'.repeat(48);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHttp(url, child, output, timeoutMs = 60_000) {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process exited ${child.exitCode}: ${output()}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not answer: ${output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function spawnNode(args, env) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  return { child, output: () => output };
}

/**
 * Opstage as `npm start` runs it (with the server's Node options), on `port` with its data in `dataDir`; resolves with
 * the time to a healthy answer.
 */
async function startOpstage({ port, dataDir, env = {} }) {
  // To try runtime flags on the server alone, e.g. BENCH_SERVER_NODE_OPTIONS=--max-semi-space-size=8 (later options win).
  const { NODE_OPTIONS } = withServerNodeOptions({ NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS });
  const proc = spawnNode([SERVER_MAIN], {
    OPSTAGE_PORT: String(port),
    OPSTAGE_HOST: '127.0.0.1',
    OPSTAGE_DATA_DIR: dataDir,
    OPSTAGE_ADMIN_USERNAME: 'bench@example.test',
    OPSTAGE_ADMIN_PASSWORD: 'Bench-Password-123!',
    OPSTAGE_SESSION_SECRET: SESSION_SECRET,
    OPSTAGE_LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    NODE_OPTIONS,
    ...env,
  });
  const coldStartMs = await waitForHttp(`http://127.0.0.1:${port}/health`, proc.child, proc.output);
  return { ...proc, port, coldStartMs, url: `http://127.0.0.1:${port}` };
}

async function startBaseline({ port, dbFile }) {
  const proc = spawnNode([BASELINE_MAIN, dbFile, String(port)], { BASELINE_SESSION_SECRET: SESSION_SECRET });
  const coldStartMs = await waitForHttp(`http://127.0.0.1:${port}/ping`, proc.child, proc.output);
  return { ...proc, port, coldStartMs, url: `http://127.0.0.1:${port}` };
}

async function stop(proc) {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = new Promise((r) => proc.child.once('exit', r));
  proc.child.kill('SIGTERM');
  await exited;
}

/** Resident memory of a process in KB, from /proc (Linux). */
function rssKb(proc) {
  const status = readFileSync(`/proc/${proc.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSeconds(proc) {
  const fields = readFileSync(`/proc/${proc.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

module.exports = { ROOT, SERVER_MAIN, freePort, startOpstage, startBaseline, stop, rssKb, cpuSeconds };
