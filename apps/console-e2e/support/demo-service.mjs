// Starts the REAL demo Capsule Service (`dist/server/apps/demo-capsule-service/src/main.js`, built by `nest build
// opstage` with the SDK it embeds) as a separate process, registered with a registration token created through the
// admin API, as the demo e2e test and `npm run demo` do. It waits until Opstage lists the service HEALTHY.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './opstage-process.mjs';

const root = resolve(import.meta.dirname, '../../..');
const DEMO_MAIN = join(root, 'dist/server/apps/demo-capsule-service/src/main.js');

export const DEMO_SERVICE_CODE = 'demo-service';
export const DEMO_AGENT_CODE = 'demo-agent';
/** The value behind the demo's sensitive config: it must never reach the console. */
export const DEMO_SECRET_VALUE = 'demo-canary-secret-value-7731';

export async function startDemoService({ baseUrl, admin }) {
  if (!existsSync(DEMO_MAIN)) throw new Error(`${DEMO_MAIN} is missing: run \`npm run build\` first`);
  const token = await admin.post('/api/admin/registration-tokens', { name: 'demo service for browser tests', expiresInSeconds: 3600 });
  const dir = mkdtempSync(join(tmpdir(), 'opstage-browser-demo-'));
  const httpPort = await freePort();
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OPSTAGE_') && !key.startsWith('DEMO_') && key !== 'NODE_ENV'));
  const env = {
    ...clean,
    OPSTAGE_BACKEND_URL: baseUrl,
    OPSTAGE_REGISTRATION_TOKEN: token.data.rawToken,
    OPSTAGE_AGENT_TOKEN_FILE: join(dir, 'token.json'),
    DEMO_HTTP_PORT: String(httpPort),
    DEMO_API_SECRET: DEMO_SECRET_VALUE,
  };
  const child = spawn(process.execPath, [DEMO_MAIN], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  let service;
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the demo service exited ${child.exitCode}: ${output}`);
      service = (await admin.get(`/api/admin/capsule-services?q=${DEMO_SERVICE_CODE}`)).data.find((s) => s.code === DEMO_SERVICE_CODE);
      if (service?.status === 'HEALTHY') break;
      if (Date.now() > deadline) throw new Error(`the demo service did not become HEALTHY: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    agentId: service.agentId,
    serviceId: service.id,
    output: () => output,
    /** The demo's own status endpoint: handler executions per command id and how many handlers stopped on a cancel. */
    status: async () => (await fetch(`http://127.0.0.1:${httpPort}/healthz`)).json(),
    stop,
  };
}
