import { createServer } from 'node:http';
import { CapsuleAgent } from '../../../libs/agent-sdk/src';
import { demoActions } from './demo-actions';
import { DEMO_BUS_MANIFEST, DemoBusLog, demoBusActions } from './demo-bus';
import { DemoInventory } from './demo-inventory';

/**
 * The demo Capsule Service: a tiny "integration adapter" that embeds the agent SDK. It reads the published variables
 * (OPSTAGE_BACKEND_URL, OPSTAGE_REGISTRATION_TOKEN, OPSTAGE_AGENT_TOKEN_FILE) and serves its own status on
 * DEMO_HTTP_PORT, as a real service would, so it keeps running whatever happens to its agent.
 */
const inventory = new DemoInventory();
const busLog = new DemoBusLog();
const agent = new CapsuleAgent({
  tokenStore: { file: process.env.OPSTAGE_AGENT_TOKEN_FILE ?? './data/demo-agent-token.json' },
  agent: { code: process.env.OPSTAGE_AGENT_CODE ?? 'demo-agent', name: 'Demo agent' },
  service: {
    code: process.env.DEMO_SERVICE_CODE ?? 'demo-service',
    name: 'Demo Capsule Service',
    description: 'Shows every feature of the Capsule contract.',
    version: '0.4.0',
    manifest: { labels: { team: 'platform', tier: 'demo' }, capabilities: ['demo.echo', 'demo.items', 'demo.orders', 'health.probe'], links: { documentation: 'https://example.invalid/demo' }, ...DEMO_BUS_MANIFEST },
  },
});

agent.health(() => ({
  status: 'UP',
  message: 'demo is serving',
  details: { items: inventory.items.size, cacheEntries: inventory.cacheEntries, uptimeSeconds: Math.round((Date.now() - inventory.startedAt) / 1000), ...inventory.operationDetails() },
}));
agent.configs(() => [
  { key: 'demo.http.port', type: 'number', label: 'HTTP port', source: 'env', valuePreview: String(port) },
  { key: 'demo.widget.theme', type: 'select', label: 'Widget theme', source: 'runtime', valuePreview: inventory.widget.theme },
  { key: 'demo.api.secret', type: 'secretRef', label: 'Upstream API secret', source: 'env', sensitive: true, secretRef: 'env:DEMO_API_SECRET', valuePreview: process.env.DEMO_API_SECRET },
]);
for (const action of [...demoActions(agent, inventory), ...demoBusActions(agent, busLog)]) agent.action(action);
agent.on('error', (error) => process.stdout.write(`demo: agent error ${error.name} ${error.code ?? ''}: ${error.message}\n`));
agent.on('stateChange', (state) => process.stdout.write(`demo: agent ${state}\n`));
agent.on('connected', () => process.stdout.write('demo: agent connected\n'));
agent.on('commandCompleted', (c) => process.stdout.write(`demo: command ${c.commandId} ${c.status}\n`));

const port = Number(process.env.DEMO_HTTP_PORT ?? 8091);
const server = createServer((req, res) => {
  if (req.url === '/healthz' || req.url === '/') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ service: 'demo-service', agentState: agent.state, agentId: agent.agentId ?? null, executions: Object.fromEntries(inventory.executions), abortedHandlers: inventory.abortedHandlers }));
    return;
  }
  const url = new URL(req.url ?? '/', 'http://demo.local');
  if (req.method === 'GET' && url.pathname === '/capsule/bus/events') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(busLog.page(url.searchParams.get('after'))));
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: 'not found' }));
});

server.listen(port, process.env.DEMO_HTTP_HOST ?? '127.0.0.1', () => {
  process.stdout.write(`demo: serving status on http://${process.env.DEMO_HTTP_HOST ?? '127.0.0.1'}:${port}/healthz\n`);
  void agent.start();
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void agent.stop().finally(() => server.close(() => process.exit(0)));
  });
}
