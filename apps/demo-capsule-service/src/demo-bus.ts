import { randomUUID } from 'node:crypto';
import { ActionError, CapsuleAgentError, type ActionDefinition, type AdapterEvent, type AdapterPage, type CapsuleAgent } from '../../../libs/agent-sdk/src';

/** The payload schema the demo declares for `order.created` (v0.3 event metadata); the backend checks events against it. */
export const ORDER_CREATED_SCHEMA = {
  type: 'object',
  required: ['orderId', 'customer', 'total'],
  properties: { orderId: { type: 'string' }, customer: { type: 'string' }, total: { type: 'number', minimum: 0 } },
};

/** What the demo tells Opstage about its bus traffic (v0.3 capability/event metadata in the manifest). */
export const DEMO_BUS_MANIFEST = {
  events: {
    published: [
      { type: 'order.created', description: 'A customer placed an order.', payloadSchema: ORDER_CREATED_SCHEMA },
      { type: 'loop.ping', description: 'Demonstrates the depth guard: a consumer publishes it again.' },
    ],
    consumed: [],
  },
  permissions: [{ code: 'orders.create', description: 'Create demo orders', actions: ['createOrder'], dangerLevel: 'LOW' }],
};

/**
 * The demo's local bus adapter (`GET /capsule/bus/events?after=<cursor>`): events a service without an embedded
 * agent would expose over HTTP for an OpHub to forward. It starts with one minimal example; `shipOrder` adds more.
 */
export class DemoBusLog {
  private readonly events: Array<AdapterEvent & { eventId: string }> = [];

  constructor() {
    this.append('shop.hello', { message: 'the demo shop adapter is up' });
  }

  append(eventType: string, payload: Record<string, unknown>): string {
    const eventId = `shop-${this.events.length + 1}-${randomUUID().slice(0, 8)}`;
    this.events.push({ eventId, eventType, payload, occurredAt: new Date().toISOString() });
    return eventId;
  }

  /** Events after the cursor (the count already read), with the next cursor. */
  page(after: string | null): AdapterPage {
    const from = Math.min(Math.max(0, Number.parseInt(after ?? '0', 10) || 0), this.events.length);
    return { events: this.events.slice(from), cursor: String(this.events.length) };
  }
}

/** The demo service's bus actions: publish from a handler (embedded SDK), publish anything, and feed the local adapter. */
export function demoBusActions(agent: CapsuleAgent, log: DemoBusLog): ActionDefinition[] {
  const published = async (eventType: string, payload: Record<string, unknown>) => {
    try {
      const outcome = await agent.publishBusEvent(eventType, payload);
      return { eventId: outcome.eventId, correlationId: outcome.correlationId, routedCommands: outcome.routedCommands.length };
    } catch (error) {
      if (error instanceof CapsuleAgentError) throw new ActionError(error.code ?? 'BUS_PUBLISH_FAILED', error.message);
      throw error;
    }
  };
  return [
    {
      name: 'createOrder',
      label: 'Create order',
      description: 'Creates a demo order and publishes order.created on the Capsule Bus.',
      category: 'Bus',
      inputSchema: {
        type: 'object',
        required: ['customer', 'total'],
        properties: { customer: { type: 'string', title: 'Customer', minLength: 1 }, total: { type: 'number', title: 'Total', minimum: 0, default: 42 } },
      },
      handler: async (payload) => {
        const order = { orderId: `ord-${randomUUID().slice(0, 8)}`, customer: String(payload.customer), total: Number(payload.total) };
        return { ...order, ...(await published('order.created', order)) };
      },
    },
    {
      name: 'publishEvent',
      label: 'Publish event',
      description: 'Publishes any event on the Capsule Bus as this service (try loop.ping to see the depth guard).',
      category: 'Bus',
      inputSchema: {
        type: 'object',
        required: ['eventType'],
        properties: { eventType: { type: 'string', title: 'Event type', default: 'loop.ping' }, payload: { type: 'object', title: 'Payload', additionalProperties: true } },
      },
      handler: (payload) => published(String(payload.eventType), (payload.payload as Record<string, unknown>) ?? {}),
    },
    {
      name: 'shipOrder',
      label: 'Ship order',
      description: 'Records order.shipped in the local bus adapter (GET /capsule/bus/events), for an OpHub agent to forward.',
      category: 'Bus',
      inputSchema: { type: 'object', required: ['orderId'], properties: { orderId: { type: 'string', title: 'Order ID', minLength: 1 } } },
      handler: (payload) => ({ adapterEventId: log.append('order.shipped', { orderId: String(payload.orderId) }) }),
    },
  ];
}
