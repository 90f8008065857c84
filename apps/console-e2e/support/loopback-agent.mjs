// A small but real Capsule Service agent speaking the agent HTTP API over loopback: it registers with a registration
// token, reports one service with actions, heartbeats with health UP, long-polls for commands and posts results.
// It stands in for the demo Capsule Service (SDK) until that exists; keep it in this one file so it can be swapped.
//
// Actions:
//   listItems    LOW     list result (table) with column formats and a "Delete" row action; prepare offers a dynamic
//                        `status` enum built from the current items and an initialPayload
//   deleteItem   HIGH    requires confirmation; removes an item
//   createApiKey MEDIUM  returns a one-time generatedKey
//   echo         LOW     returns the payload (strings, numbers, booleans, enums, arrays, nested objects, password)
//   slowRebuild  LOW     runs ~60 s in steps and stops when the operator cancels it
import { randomBytes } from 'node:crypto';

export const SERVICE_CODE = 'browser-demo';

const ITEMS = [
  { name: 'alpha', status: 'ACTIVE', size: 2048, createdAt: '2026-01-02T03:04:05.000Z', enabled: true },
  { name: 'beta', status: 'DISABLED', size: 5_242_880, createdAt: '2026-02-03T04:05:06.000Z', enabled: false },
  { name: 'gamma', status: 'ACTIVE', size: 12, createdAt: '2026-03-04T05:06:07.000Z', enabled: true },
];

const ACTIONS = [
  {
    name: 'listItems', label: 'List items', description: 'Lists the demo items.', dangerLevel: 'LOW', category: 'items', order: 1,
    inputSchema: { type: 'object', properties: { query: { type: 'string', title: 'Name contains' }, limit: { type: 'integer', title: 'Limit', minimum: 1, maximum: 50, default: 10 } } },
  },
  {
    name: 'deleteItem', label: 'Delete item', description: 'Deletes one item for good.', dangerLevel: 'HIGH', requiresConfirmation: true, category: 'items', order: 2,
    inputSchema: { type: 'object', required: ['name'], properties: { name: { type: 'string', title: 'Item name', minLength: 1 } } },
  },
  {
    name: 'createApiKey', label: 'Create API key', dangerLevel: 'MEDIUM', category: 'api-key', order: 3,
    inputSchema: { type: 'object', required: ['label'], properties: { label: { type: 'string', title: 'Key label' } } },
  },
  {
    name: 'echo', label: 'Echo', description: 'Returns the submitted payload.', dangerLevel: 'LOW', category: 'diagnostics', order: 4,
    inputSchema: {
      type: 'object', required: ['message'],
      properties: {
        message: { type: 'string', title: 'Message', maxLength: 200 },
        times: { type: 'integer', title: 'Times', minimum: 1, maximum: 5, default: 1 },
        loud: { type: 'boolean', title: 'Loud', default: false },
        colour: { type: 'string', title: 'Colour', enum: ['red', 'green'], enumLabels: ['Red', 'Green'] },
        secret: { type: 'string', title: 'Secret', format: 'password' },
        notes: { type: 'string', title: 'Notes', format: 'textarea' },
        tags: { type: 'array', title: 'Tags', items: { type: 'string' } },
        target: { type: 'object', title: 'Target', properties: { host: { type: 'string', title: 'Host', default: 'localhost' }, port: { type: 'integer', title: 'Port', default: 8080 } } },
      },
    },
  },
  { name: 'slowRebuild', label: 'Slow rebuild', description: 'Takes about a minute; can be cancelled.', dangerLevel: 'LOW', category: 'runtime', order: 5, timeoutSeconds: 120, inputSchema: { type: 'object', properties: {} } },
];

export async function startLoopbackAgent({ baseUrl, registrationToken, code = 'browser-agent' }) {
  const items = ITEMS.map((item) => ({ ...item }));
  const cancelled = new Set();
  const running = new Set();
  let stopped = false;
  const log = [];

  const call = async (method, path, token, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new Error(`${method} ${path} → ${response.status} ${text}`);
      error.status = response.status;
      throw error;
    }
    return json;
  };

  const service = {
    code: SERVICE_CODE, name: 'Browser demo service', description: 'Loopback agent used by the console browser tests.', version: '1.0.0', runtime: 'nodejs',
    manifest: { kind: 'CapsuleService', code: SERVICE_CODE, name: 'Browser demo service', version: '1.0.0' },
    health: { status: 'UP', message: 'all good', details: { items: items.length } },
    configs: [
      { key: 'demo.greeting', label: 'Greeting', type: 'string', source: 'env', valuePreview: 'hello' },
      { key: 'demo.apiToken', label: 'API token', type: 'secretRef', source: 'env', sensitive: true, valuePreview: 'should-never-show', secretRef: 'env:DEMO_API_TOKEN' },
    ],
    actions: ACTIONS,
  };

  const registered = (await call('POST', '/api/agents/register', null, { registrationToken, agent: { code, name: 'Browser test agent', mode: 'embedded', runtime: 'nodejs' }, service })).data;
  const { agentId, agentToken } = registered;
  const report = await call('POST', `/api/agents/${agentId}/services/report`, agentToken, { services: [service] });
  const serviceId = report.data.services[0].id;

  const heartbeat = () => call('POST', `/api/agents/${agentId}/heartbeat`, agentToken, { serviceId, health: { status: 'UP', message: 'all good', details: { items: items.length } } });
  await heartbeat();
  const heartbeatTimer = setInterval(() => heartbeat().catch(() => {}), 5000);

  async function handle(command) {
    const { id, type, actionName, payload = {} } = command;
    log.push({ id, type, actionName, payload });
    running.add(id);
    try {
      let result;
      if (type === 'ACTION_PREPARE') result = prepare(actionName);
      else result = await execute(id, actionName, payload);
      if (result === null) return; // cancelled: the server would refuse a late result anyway
      await call('POST', `/api/agents/${agentId}/commands/${id}/result`, agentToken, result);
    } catch (error) {
      if (error.status !== 409) log.push({ id, error: String(error) });
    } finally {
      running.delete(id);
    }
  }

  function prepare(actionName) {
    if (actionName === 'listItems') {
      const statuses = [...new Set(items.map((item) => item.status))].sort();
      const action = ACTIONS.find((a) => a.name === 'listItems');
      return {
        success: true,
        data: {
          action: { inputSchema: { ...action.inputSchema, properties: { ...action.inputSchema.properties, status: { type: 'string', title: 'Status', enum: statuses, enumLabels: statuses.map((s) => `Only ${s.toLowerCase()}`) } } } },
          initialPayload: { limit: 5 },
          currentState: { count: items.length },
        },
      };
    }
    return { success: true, data: {} };
  }

  async function execute(id, actionName, payload) {
    switch (actionName) {
      case 'listItems': {
        const rows = items
          .filter((item) => !payload.query || item.name.includes(payload.query))
          .filter((item) => !payload.status || item.status === payload.status)
          .slice(0, payload.limit ?? 10);
        return {
          success: true,
          message: `${rows.length} items`,
          data: {
            list: {
              title: 'Items', data: rows, emptyText: 'No items match.',
              columns: [
                { key: 'name', label: 'Name', copyable: true },
                { key: 'status', label: 'Status', format: 'status' },
                { key: 'size', label: 'Size', format: 'bytes' },
                { key: 'enabled', label: 'Enabled', format: 'boolean' },
                { key: 'createdAt', label: 'Created', format: 'datetime' },
              ],
              rowActions: [{ label: 'Delete', action: 'deleteItem', payload: { name: '$row.name' }, danger: true, confirm: true }],
            },
          },
        };
      }
      case 'deleteItem': {
        const index = items.findIndex((item) => item.name === payload.name);
        if (index < 0) return { success: false, error: { code: 'ITEM_NOT_FOUND', message: `No item named ${payload.name}` } };
        items.splice(index, 1);
        return { success: true, message: `Deleted ${payload.name}`, data: { detail: { title: 'Deleted item', data: { name: payload.name, remaining: items.length } } } };
      }
      case 'createApiKey':
        return { success: true, message: 'Key created', data: { generatedKey: `demo_key_${randomBytes(12).toString('hex')}`, label: payload.label } };
      case 'echo':
        return { success: true, message: 'echoed', data: { detail: { title: 'Echo', data: payload } } };
      case 'slowRebuild':
        for (let step = 0; step < 120; step++) {
          if (cancelled.has(id) || stopped) return null;
          await new Promise((r) => setTimeout(r, 500));
        }
        return { success: true, message: 'rebuilt' };
      default:
        return { success: false, error: { code: 'ACTION_NOT_FOUND', message: `Unknown action ${actionName}` } };
    }
  }

  const pollLoop = (async () => {
    while (!stopped) {
      try {
        const poll = await call('GET', `/api/agents/${agentId}/commands?limit=5&waitSeconds=2`, agentToken);
        for (const cancelledId of poll.cancelledCommandIds ?? []) cancelled.add(cancelledId);
        for (const command of poll.data) void handle(command);
      } catch (error) {
        if (!stopped) await new Promise((r) => setTimeout(r, 500));
      }
    }
  })();

  return {
    agentId, serviceId, log, items, cancelled,
    isRunning: (commandId) => running.has(commandId),
    async stop() {
      stopped = true;
      clearInterval(heartbeatTimer);
      await pollLoop;
    },
  };
}
