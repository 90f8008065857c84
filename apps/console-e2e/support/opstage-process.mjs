// Starts the REAL built backend (`dist/server/apps/opstage/src/main.js`) as a separate process on a free port, with a
// temp data dir, serving the built console, and offers a tiny admin API client (cookie session + CSRF header).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const MAIN = join(root, 'dist/server/apps/opstage/src/main.js');
const STATIC_DIR = join(root, 'dist/console/browser');

export const ADMIN = { username: 'admin', password: 'browser-test-owner-password' };

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** `env` adds or overrides backend settings (e.g. a shorter heartbeat cadence). */
export async function startOpstage({ env: extraEnv = {} } = {}) {
  for (const file of [MAIN, join(STATIC_DIR, 'index.html')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'opstage-browser-'));
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OPSTAGE_') && key !== 'DATABASE_URL' && key !== 'NODE_ENV'));
  const env = {
    ...clean,
    OPSTAGE_PORT: String(port),
    OPSTAGE_HOST: '127.0.0.1',
    OPSTAGE_DATA_DIR: dataDir,
    OPSTAGE_ADMIN_USERNAME: ADMIN.username,
    OPSTAGE_ADMIN_PASSWORD: ADMIN.password,
    OPSTAGE_STATIC_DIR: STATIC_DIR,
    OPSTAGE_LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const child = spawn(process.execPath, [MAIN], { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`opstage exited ${child.exitCode}: ${output}`);
    if (await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`opstage did not listen on ${port}: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in admin API session (what the console does, without a browser), for setting up test data. */
export async function adminSession(baseUrl, credentials = ADMIN) {
  const login = await fetch(`${baseUrl}/api/admin/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  const body = await login.json();
  if (!login.ok) throw new Error(`admin login failed: ${JSON.stringify(body)}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = body.data.csrfToken;
  async function request(method, path, payload) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: payload !== undefined ? JSON.stringify(payload) : undefined,
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return json;
  }
  return { get: (path) => request('GET', path), post: (path, payload = {}) => request('POST', path, payload), patch: (path, payload) => request('PATCH', path, payload), put: (path, payload) => request('PUT', path, payload) };
}
