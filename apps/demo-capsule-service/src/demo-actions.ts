import { ActionError, type ActionContext, type ActionDefinition, type CapsuleAgent } from '../../../libs/agent-sdk/src';
import type { DemoInventory } from './demo-inventory';

/** How an item shows as table columns and as detail-card fields. */
const ITEM_FIELDS = [
  { key: 'id', label: 'ID', format: 'code', copyable: true },
  { key: 'name', label: 'Name' },
  { key: 'status', label: 'Status', format: 'status' },
  { key: 'sizeBytes', label: 'Size', format: 'bytes' },
  { key: 'createdAt', label: 'Created', format: 'datetime' },
];
/** Echo's input uses every form field type the console renders: text, integer, boolean, enum, password, textarea, array, nested object. */
const ECHO_INPUT = {
  type: 'object',
  required: ['message'],
  properties: {
    message: { type: 'string', title: 'Message', minLength: 1, maxLength: 500, default: 'hello' },
    repeat: { type: 'integer', title: 'Repeat', minimum: 1, maximum: 5, default: 1 },
    loud: { type: 'boolean', title: 'Loud', default: false },
    tone: { type: 'string', title: 'Tone', enum: ['plain', 'friendly', 'formal'], enumLabels: ['Plain', 'Friendly', 'Formal'], default: 'plain' },
    secret: { type: 'string', title: 'Secret', format: 'password', writeOnly: true, description: 'Sealed by Opstage; the echo returns only its length.' },
    notes: { type: 'string', title: 'Notes', format: 'textarea', maxLength: 2000 },
    tags: { type: 'array', title: 'Tags', maxItems: 5, items: { type: 'string', title: 'Tag', minLength: 1 } },
    target: {
      type: 'object',
      title: 'Target',
      required: ['host'],
      properties: { host: { type: 'string', title: 'Host', default: 'localhost' }, port: { type: 'integer', title: 'Port', minimum: 1, maximum: 65535, default: 8080 } },
    },
  },
};
const ITEM_ID = { type: 'object', required: ['id'], properties: { id: { type: 'string', title: 'Item ID', minLength: 1 } } };

/** Every result type of the contract: echo, health check, table with row actions, detail, prepare, confirmation, cancel, failure, one-time key. */
export function demoActions(agent: CapsuleAgent, inventory: DemoInventory): ActionDefinition[] {
  const counted =
    (run: (payload: Record<string, unknown>, context: ActionContext) => unknown) =>
    (payload: Record<string, unknown>, context: ActionContext) => {
      inventory.countExecution(context.commandId);
      return run(payload, context);
    };
  const item = (payload: Record<string, unknown>) => {
    const found = inventory.items.get(String(payload.id));
    if (!found) throw new ActionError('ITEM_NOT_FOUND', `no item ${String(payload.id)}`);
    return found;
  };

  return [
    {
      name: 'echo',
      label: 'Echo',
      description: 'Returns the submitted payload.',
      dangerLevel: 'LOW',
      category: 'diagnostics',
      order: 1,
      inputSchema: ECHO_INPUT,
      // The secret comes back only as its length: Opstage stores it sealed and redacted, and so should a result.
      handler: counted(({ secret, ...payload }) => ({ ...payload, ...(typeof secret === 'string' ? { secretLength: secret.length } : {}), echoedAt: new Date().toISOString() })),
    },
    {
      name: 'runHealthCheck',
      label: 'Run health check',
      dangerLevel: 'LOW',
      category: 'diagnostics',
      order: 2,
      handler: counted(async () => {
        const report = await agent.runHealth();
        return { status: report.status, details: report.details ?? {} };
      }),
    },
    {
      name: 'listItems',
      label: 'List items',
      description: 'A table with column formats and row actions.',
      dangerLevel: 'LOW',
      category: 'items',
      order: 10,
      inputSchema: { type: 'object', properties: { status: { type: 'string', title: 'Status', enum: ['ALL', 'ACTIVE', 'ARCHIVED'], enumLabels: ['All', 'Active', 'Archived'], default: 'ALL' } } },
      handler: counted((payload) => {
        const rows = [...inventory.items.values()].filter((i) => !payload.status || payload.status === 'ALL' || i.status === payload.status);
        return {
          list: {
            title: 'Items',
            emptyText: 'No items match.',
            data: rows,
            columns: ITEM_FIELDS,
            rowActions: [
              { label: 'Details', action: 'getItem', payload: { id: '$row.id' } },
              { label: 'Archive', action: 'archiveItem', payload: { id: '$row.id' }, danger: true, confirm: true },
            ],
          },
        };
      }),
    },
    {
      name: 'getItem',
      label: 'Item details',
      description: 'A detail card.',
      dangerLevel: 'LOW',
      category: 'items',
      order: 11,
      inputSchema: ITEM_ID,
      handler: counted((payload) => {
        const found = item(payload);
        return {
          detail: {
            title: found.name,
            data: found,
            fields: ITEM_FIELDS,
            actions: [{ label: 'Archive', action: 'archiveItem', payload: { id: found.id }, danger: true, confirm: true }],
          },
        };
      }),
    },
    {
      name: 'archiveItem',
      label: 'Archive item',
      dangerLevel: 'MEDIUM',
      category: 'items',
      order: 12,
      inputSchema: ITEM_ID,
      handler: counted((payload) => {
        const found = item(payload);
        found.status = 'ARCHIVED';
        return { archived: found.id };
      }),
    },
    {
      name: 'configureWidget',
      label: 'Configure widget',
      description: 'Opens with a form built from the current settings (prepare phase).',
      dangerLevel: 'MEDIUM',
      category: 'runtime-config',
      order: 20,
      inputSchema: { type: 'object', required: ['theme'], properties: { theme: { type: 'string', title: 'Theme' }, refreshSeconds: { type: 'integer', title: 'Refresh (s)', minimum: 5, maximum: 3600 } } },
      prepare: () => ({
        action: {
          inputSchema: {
            type: 'object',
            required: ['theme'],
            properties: {
              theme: { type: 'string', title: 'Theme', enum: ['light', 'dark', 'contrast'], enumLabels: ['Light', 'Dark', 'High contrast'] },
              refreshSeconds: { type: 'integer', title: 'Refresh (s)', minimum: 5, maximum: 3600 },
            },
          },
        },
        initialPayload: { ...inventory.widget },
        currentState: { ...inventory.widget, changedBy: 'demo' },
      }),
      handler: counted((payload) => {
        inventory.widget = { theme: String(payload.theme), refreshSeconds: Number(payload.refreshSeconds ?? inventory.widget.refreshSeconds) };
        return { widget: inventory.widget };
      }),
    },
    {
      name: 'purgeCache',
      label: 'Purge cache',
      description: 'Drops every cache entry. Dangerous: asks for confirmation.',
      dangerLevel: 'HIGH',
      requiresConfirmation: true,
      category: 'advanced',
      order: 30,
      handler: counted(() => {
        const purged = inventory.cacheEntries;
        inventory.cacheEntries = 0;
        return { purged };
      }),
    },
    {
      name: 'slowTask',
      label: 'Slow task',
      description: 'Works for a while and stops as soon as it is cancelled.',
      dangerLevel: 'LOW',
      category: 'runtime',
      order: 40,
      timeoutSeconds: 600,
      inputSchema: { type: 'object', properties: { seconds: { type: 'integer', title: 'Seconds', minimum: 1, maximum: 300, default: 20 } } },
      // Reported as the service's running operation in its health details while it works; the agent sends health at
      // once when it starts and ends, and the progress in between rides the regular heartbeats.
      handler: counted(async (payload, { signal, logger, commandId }) => {
        const seconds = Number(payload.seconds ?? 20);
        const operation = { name: 'slowTask', startedAt: new Date().toISOString(), doneSeconds: 0, totalSeconds: seconds };
        inventory.operations.set(commandId, operation);
        agent.reportHealth();
        try {
          for (let step = 0; step < seconds * 10; step++) {
            if (signal.aborted) {
              inventory.abortedHandlers += 1;
              logger.info('slowTask stopped by its abort signal', { commandId, reason: String((signal.reason as Error | undefined)?.message ?? signal.reason) });
              throw signal.reason;
            }
            await new Promise((r) => setTimeout(r, 100));
            operation.doneSeconds = Math.floor((step + 1) / 10);
          }
          return { workedSeconds: seconds };
        } finally {
          inventory.operations.delete(commandId);
          agent.reportHealth();
        }
      }),
    },
    {
      name: 'failingAction',
      label: 'Failing action',
      description: 'Always fails with the error code DEMO_FAILURE.',
      dangerLevel: 'LOW',
      category: 'diagnostics',
      order: 50,
      handler: counted(() => {
        throw new ActionError('DEMO_FAILURE', 'the demo failed on purpose', { hint: 'this is expected' });
      }),
    },
    {
      name: 'generateApiKey',
      label: 'Generate API key',
      description: 'Returns a one-time key: shown once, never stored by Opstage.',
      dangerLevel: 'MEDIUM',
      category: 'api-key',
      order: 60,
      handler: counted(() => inventory.newApiKey()),
    },
  ];
}
