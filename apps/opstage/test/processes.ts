import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TERMINAL_COMMAND_STATUSES } from '../../../libs/contracts/src';
import type { AdminClient } from './harness';

export const ROOT = join(__dirname, '../../..');
export const SERVER_MAIN = join(ROOT, 'dist/server/apps/opstage/src/main.js');
export const DEMO_MAIN = join(ROOT, 'dist/server/apps/demo-capsule-service/src/main.js');

export interface Running {
  child: ChildProcess;
  output: () => string;
}

/** The environment of this test process without any Opstage setting, so each child gets exactly what a test gives. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPSTAGE_') && !k.startsWith('DEMO_') && k !== 'DATABASE_URL' && k !== 'NODE_ENV'));
}

/** Starts a built entry point (`npm run build` first; `npm test` does) as a real process, collecting its output. */
export function spawnBuilt(main: string, cwd: string, env: Record<string, string>): Running {
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` (npm test does) first`);
  const child = spawn(process.execPath, [main], { cwd, env: { ...cleanEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

/** Polls `ready` until it holds; fails with the process output when the process exits or the deadline passes. */
export async function waitUntil(running: Running | undefined, what: string, ready: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (running && running.child.exitCode !== null) throw new Error(`process exited ${running.child.exitCode} while waiting for ${what}: ${running.output()}`);
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${running ? `: ${running.output().slice(-4000)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the command reaches a terminal status (watching `running` for a crash) and returns it as the API shows it. */
export async function commandEnded(admin: AdminClient, running: Running | undefined, commandId: string): Promise<any> {
  let command: any;
  await waitUntil(running, `command ${commandId} to finish`, async () => {
    command = (await admin.get(`/api/admin/commands/${commandId}`)).body.data;
    return TERMINAL_COMMAND_STATUSES.includes(command?.status);
  });
  return command;
}

/** Starts the built server (what `npm start` runs) in `cwd` and waits until `/health` answers on `port`. */
export async function startServer(cwd: string, env: Record<string, string>, port: number): Promise<Running> {
  const running = spawnBuilt(SERVER_MAIN, cwd, env);
  await waitUntil(running, `the server on ${port}`, () => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false));
  return running;
}

export async function stopProcess(running: Running | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return;
  const exited = new Promise((r) => running.child.once('exit', r));
  running.child.kill(signal);
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
