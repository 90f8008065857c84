#!/usr/bin/env node
// `npm run demo`: Opstage and the demo Capsule Service together, so a newcomer sees a live service in the console with
// one command. The first time (no demo token file yet) it creates a registration token with the operator CLI and hands
// it to the demo; later runs reuse the demo's agent token. `npm run demo:service` (`--service-only`) starts only the
// demo, against OPSTAGE_BACKEND_URL (default http://localhost:8080), with OPSTAGE_REGISTRATION_TOKEN when it has no
// token file yet. `npm run demo:bus` (`--bus`) also turns the Capsule Bus on and starts the demo OpHub (a consumer
// service and a forwarded legacy shop; see docs/capsule-bus.md for the demo routes). Plain CommonJS so it also runs under an older system Node before the install.
const { spawn, spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { root, pinnedNode, serverEntry, cliEntry, demoEntry, ensureInstalled, ensureBuilt } = require('./ensure-ready.cjs');
const { withServerNodeOptions } = require('./server-node-options.cjs');

const serviceOnly = process.argv.includes('--service-only');
const withBus = process.argv.includes('--bus');
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
  const ophubEnv = { ...env, OPSTAGE_AGENT_TOKEN_FILE: resolve(root, env.DEMO_OPHUB_TOKEN_FILE ?? join('data', 'demo-ophub-token.json')), DEMO_HTTP_PORT: env.DEMO_OPHUB_HTTP_PORT ?? '8092' };
  ophubEnv.DEMO_ADAPTER_URL ??= `http://127.0.0.1:${env.DEMO_HTTP_PORT ?? 8091}/capsule/bus/events`;
  delete ophubEnv.OPSTAGE_REGISTRATION_TOKEN;
  if (!serviceOnly) {
    cli(['migrate']);
    if (!existsSync(env.OPSTAGE_AGENT_TOKEN_FILE) && !env.OPSTAGE_REGISTRATION_TOKEN) {
      env.OPSTAGE_REGISTRATION_TOKEN = cli(['create-registration-token', '--name', 'demo-service', '--expires', '3600']);
    }
    if (withBus && !existsSync(ophubEnv.OPSTAGE_AGENT_TOKEN_FILE)) {
      ophubEnv.OPSTAGE_REGISTRATION_TOKEN = cli(['create-registration-token', '--name', 'demo-ophub', '--expires', '3600']);
    }
    launch('Opstage', serverEntry, withServerNodeOptions(withBus ? { ...process.env, OPSTAGE_CAPSULE_BUS_ENABLED: 'true' } : process.env));
    await waitForBackend(env.OPSTAGE_BACKEND_URL);
  }
  launch('demo service', demoEntry, env);
  if (withBus) launch('demo OpHub', demoEntry.replace(/main\.js$/, 'ophub.js'), ophubEnv);
  process.stderr.write(`demo: the demo service reports to ${env.OPSTAGE_BACKEND_URL}; open it in the console.\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  for (const child of children) child.kill('SIGTERM');
  process.exit(1);
});
