import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../../..');
const MAIN = join(ROOT, 'dist/server/apps/opstage/src/main.js');

export interface Running {
  child: ChildProcess;
  output: () => string;
}

/** The test runner's environment without any Opstage setting, so a child process sees only what the test gives it. */
export function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPSTAGE_') && k !== 'DATABASE_URL' && k !== 'NODE_ENV'));
  return { ...clean, ...env };
}

/** Starts the built server as a real process (what `npm start` runs) in `cwd` and waits until it listens. */
export async function startProcess(cwd: string, env: Record<string, string>, port: number): Promise<Running> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does) first`);
  const child = spawn(process.execPath, [MAIN], { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    if (ok) return { child, output: () => output };
    if (Date.now() > deadline) throw new Error(`server did not listen on ${port}: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function stopProcess(running: Running): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  const exited = new Promise((r) => running.child.once('exit', r));
  running.child.kill('SIGTERM');
  await exited;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
