import { ActionError, CapsuleAgent, CapsuleAgentError } from '../../../libs/agent-sdk/src';
import { demoHttpPort, runDemoProcess } from './demo-process';

/**
 * The demo OpHub: one agent in `ophub` mode carrying two services, to show the Capsule Bus from the consuming side.
 * - `demo-fulfilment` consumes events through routes (`fulfilOrder`, `notify`) and has `pingBack`, which publishes the
 *   event that triggered it again, so the depth guard has a loop to stop.
 * - `demo-legacy-shop` stands for a service with no embedded agent: the OpHub polls its local adapter
 *   (DEMO_ADAPTER_URL, by default the demo service's `GET /capsule/bus/events`) and forwards those events as its own.
 */
const adapterUrl = process.env.DEMO_ADAPTER_URL ?? 'http://127.0.0.1:8091/capsule/bus/events';
const executions = new Map<string, number>();
const agent = new CapsuleAgent({
  tokenStore: { file: process.env.OPSTAGE_AGENT_TOKEN_FILE ?? './data/demo-ophub-token.json' },
  agent: { code: process.env.OPSTAGE_AGENT_CODE ?? 'demo-ophub', name: 'Demo OpHub', mode: 'ophub' },
  services: [
    {
      code: 'demo-fulfilment',
      name: 'Demo fulfilment',
      description: 'Consumes demo bus events through routes.',
      version: '0.4.0',
      manifest: { capabilities: ['demo.fulfilment'], events: { published: [{ type: 'loop.ping' }], consumed: [{ type: 'order.created' }, { type: 'order.shipped' }, { type: 'loop.ping' }] } },
    },
    {
      code: 'demo-legacy-shop',
      name: 'Demo legacy shop',
      description: 'A service without an embedded agent; the OpHub forwards its local bus events.',
      version: '0.4.0',
      manifest: { events: { published: [{ type: 'shop.hello' }, { type: 'order.shipped' }], consumed: [] } },
      busAdapter: { url: adapterUrl, intervalMs: Number(process.env.DEMO_ADAPTER_INTERVAL_MS ?? 1000) },
    },
  ],
});

const count = (name: string) => executions.set(name, (executions.get(name) ?? 0) + 1);

agent
  .service('demo-fulfilment')
  .health(() => ({ status: 'UP', message: 'fulfilment is serving' }))
  .action({
    name: 'fulfilOrder',
    label: 'Fulfil order',
    description: 'Routed from order.created.',
    inputSchema: { type: 'object', required: ['orderId'], properties: { orderId: { type: 'string' }, customer: { type: 'string' }, priority: { type: 'string', enum: ['normal', 'express'], default: 'normal' } }, additionalProperties: false },
    handler: (payload) => {
      count('fulfilOrder');
      return { orderId: payload.orderId, customer: payload.customer ?? null, priority: payload.priority ?? 'normal' };
    },
  })
  .action({
    name: 'notify',
    label: 'Notify',
    description: 'Routed from any event; records a notification.',
    inputSchema: { type: 'object', required: ['message'], properties: { message: { type: 'string', minLength: 1 } } },
    handler: (payload) => {
      count('notify');
      return { notified: String(payload.message) };
    },
  })
  .action({
    name: 'pingBack',
    label: 'Ping back',
    description: 'Publishes loop.ping again (a loop on purpose: the depth guard ends it).',
    handler: async () => {
      count('pingBack');
      try {
        const outcome = await agent.publishBusEvent('loop.ping', { from: 'pingBack' }, { sourceServiceCode: 'demo-fulfilment' });
        return { eventId: outcome.eventId, depth: outcome.depth };
      } catch (error) {
        if (error instanceof CapsuleAgentError) throw new ActionError(error.code ?? 'BUS_PUBLISH_FAILED', error.message);
        throw error;
      }
    },
  });
agent.service('demo-legacy-shop').health(() => ({ status: 'UP', message: 'forwarding local events' }));

runDemoProcess(agent, 'demo-ophub', demoHttpPort(8092), (url) =>
  url.pathname === '/healthz' ? { service: 'demo-ophub', agentState: agent.state, agentId: agent.agentId ?? null, executions: Object.fromEntries(executions) } : undefined,
);
