import { CapsuleAgent } from '../../../libs/agent-sdk/src';
import { demoActions } from './demo-actions';
import { DEMO_BUS_MANIFEST, DemoBusLog, demoBusActions } from './demo-bus';
import { DemoInventory } from './demo-inventory';
import { demoHttpPort, runDemoProcess } from './demo-process';

/**
 * The demo Capsule Service: a tiny "integration adapter" that embeds the agent SDK. It reads the published variables
 * (OPSTAGE_BACKEND_URL, OPSTAGE_REGISTRATION_TOKEN, OPSTAGE_AGENT_TOKEN_FILE) and serves its own status on
 * DEMO_HTTP_PORT, as a real service would, so it keeps running whatever happens to its agent.
 */
const port = demoHttpPort(8091);
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
runDemoProcess(agent, 'demo', port, (url, method) => {
  if (url.pathname === '/healthz' || url.pathname === '/') {
    return { service: 'demo-service', agentState: agent.state, agentId: agent.agentId ?? null, executions: Object.fromEntries(inventory.executions), abortedHandlers: inventory.abortedHandlers };
  }
  if (method === 'GET' && url.pathname === '/capsule/bus/events') return busLog.page(url.searchParams.get('after'));
  return undefined;
});
