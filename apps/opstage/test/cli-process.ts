import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, ROOT } from './processes';

const CLI = join(ROOT, 'dist/server/apps/opstage/src/cli/main.js');

/** Each CLI run is a fresh Node process that loads Nest and MikroORM (about 2 s on an idle machine, more under load). */
export const CLI_TEST_TIMEOUT_MS = 90_000;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `opstage` CLI as a real process with only `env` as its Opstage settings. */
export function runCli(args: string[], env: Record<string, string>, options: { stdin?: string; cwd?: string } = {}): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does) first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env: { ...cleanEnv(), ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
