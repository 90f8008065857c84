#!/usr/bin/env node
// `npm run demo`: Opstage and the demo Capsule Service together, so a newcomer sees a live service in the console with
// one command. The first time (no demo token file yet) it creates a registration token with the operator CLI and hands
// it to the demo; later runs reuse the demo's agent token. `npm run demo:service` (`--service-only`) starts only the
// demo, against OPSTAGE_BACKEND_URL (default http://localhost:8080), with OPSTAGE_REGISTRATION_TOKEN when it has no
// token file yet. Plain CommonJS so it also runs under an older system Node before the install.
const { spawn, spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { root, pinnedNode, serverEntry, cliEntry, demoEntry, ensureInstalled, ensureBuilt } = require('./ensure-ready.cjs');

const serviceOnly = process.argv.includes('--service-only');
const env = { ...process.env };
env.OPSTAGE_BACKEND_URL ??= `http://localhost:${env.OPSTAGE_PORT ?? 8080}`;
env.OPSTAGE_AGENT_TOKEN_FILE = resolve(root, env.OPSTAGE_AGENT_TOKEN_FILE ?? join('data', 'demo-agent-token.json'));

ensureInstalled();
ensureBuilt(serverEntry);

const children = [];
function launch(name, entry, childEnv) {
  const child = spawn(pinnedNode, [entry], { cwd: root, stdio: 'inherit', env: childEnv });
  children.push(child);
  child.on('exit', (code, signal) => {
    process.stderr.write(`demo: ${name} exited (${signal ?? code})\n`);
    for (const other of children) if (other !== child && other.exitCode === null) other.kill('SIGTERM');
    process.exitCode = code ?? 1;
  });
  return child;
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => children.forEach((c) => c.exitCode === null && c.kill(signal)));

function cli(args) {
  const result = spawnSync(pinnedNode, [cliEntry, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  return result.stdout.trim();
}

async function waitForBackend(url) {
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Opstage did not answer at ${url}/health`);
}

async function main() {
  if (!serviceOnly) {
    if (!existsSync(env.OPSTAGE_AGENT_TOKEN_FILE) && !env.OPSTAGE_REGISTRATION_TOKEN) {
      cli(['migrate']);
      env.OPSTAGE_REGISTRATION_TOKEN = cli(['create-registration-token', '--name', 'demo-service', '--expires', '3600']);
    }
    launch('Opstage', serverEntry, process.env);
    await waitForBackend(env.OPSTAGE_BACKEND_URL);
  }
  launch('demo service', demoEntry, env);
  process.stderr.write(`demo: the demo service reports to ${env.OPSTAGE_BACKEND_URL}; open it in the console.\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  for (const child of children) child.kill('SIGTERM');
  process.exit(1);
});
