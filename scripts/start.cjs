#!/usr/bin/env node
// `npm start`: installs dependencies (including the pinned Node 24) when needed, rebuilds the backend and the console
// when their sources changed (scripts/ensure-ready.cjs, shared with the CLI launcher and `npm run demo`), then runs
// Opstage with the pinned Node and the server's Node options (server-node-options.cjs). Plain CommonJS so it also
// runs under an older system Node before the install.
const { spawn } = require('node:child_process');
const { root, pinnedNode, serverEntry, ensureInstalled, ensureBuilt } = require('./ensure-ready.cjs');
const { withServerNodeOptions } = require('./server-node-options.cjs');

ensureInstalled();
ensureBuilt(serverEntry);

const child = spawn(pinnedNode, [serverEntry], { cwd: root, stdio: 'inherit', env: withServerNodeOptions(process.env) });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
