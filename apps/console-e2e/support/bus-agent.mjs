// A minimal agent for the Capsule Bus browser tests and screenshots, over the real agent HTTP API: it registers with
// a registration token, reports one service with a LOW `notify` action (a valid route target), heartbeats once, and
// publishes bus events with its bearer token. It never polls: the tests use DRY_RUN routes, which create no command.
export const BUS_SERVICE_CODE = 'bus-shop';

export async function startBusAgent({ baseUrl, registrationToken, code = 'bus-agent' }) {
  const call = async (method, path, token, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return json;
  };
  const service = {
    code: BUS_SERVICE_CODE, name: 'Bus shop', description: 'Publishes order events for the bus browser tests.', version: '1.0.0', runtime: 'nodejs',
    manifest: { kind: 'CapsuleService', code: BUS_SERVICE_CODE, name: 'Bus shop', version: '1.0.0' },
    health: { status: 'UP', message: 'ok' },
    actions: [
      {
        name: 'notify', label: 'Notify customer', dangerLevel: 'LOW', category: 'orders', order: 1,
        inputSchema: { type: 'object', properties: { orderId: { type: 'string' }, channel: { type: 'string' } } },
      },
      { name: 'refundAll', label: 'Refund everything', dangerLevel: 'HIGH', requiresConfirmation: true, category: 'orders', order: 2, inputSchema: { type: 'object', properties: {} } },
    ],
    configs: [],
  };
  const registered = (await call('POST', '/api/agents/register', null, { registrationToken, agent: { code, name: 'Bus test agent', mode: 'embedded', runtime: 'nodejs' }, service })).data;
  const { agentId, agentToken } = registered;
  const report = await call('POST', `/api/agents/${agentId}/services/report`, agentToken, { services: [service] });
  const serviceId = report.data.services[0].id;
  await call('POST', `/api/agents/${agentId}/heartbeat`, agentToken, { serviceId, health: { status: 'UP', message: 'ok' } });
  return {
    agentId,
    serviceId,
    /** POST /api/agents/{agentId}/bus/events; resolves with the ingest outcome. */
    publish: async (event) => (await call('POST', `/api/agents/${agentId}/bus/events`, agentToken, { sourceServiceCode: BUS_SERVICE_CODE, ...event })).data,
  };
}
