import { randomBytes, randomUUID } from 'node:crypto';

export interface DemoItem {
  id: string;
  name: string;
  status: 'ACTIVE' | 'ARCHIVED';
  sizeBytes: number;
  createdAt: string;
}

/** The demo's business state: a few items, a widget setting and a cache, all in memory. */
export class DemoInventory {
  readonly items = new Map<string, DemoItem>();
  widget = { theme: 'light', refreshSeconds: 30 };
  cacheEntries = 42;
  readonly startedAt = Date.now();
  /** Handler runs per command id, so tests (and operators) can see that nothing ran twice. */
  readonly executions = new Map<string, number>();
  abortedHandlers = 0;

  constructor() {
    const now = Date.now();
    for (const [i, name] of ['invoices-sync', 'crm-bridge', 'nightly-report', 'slack-notifier'].entries()) {
      const id = `item-${i + 1}`;
      this.items.set(id, { id, name, status: i === 3 ? 'ARCHIVED' : 'ACTIVE', sizeBytes: 1024 * (i + 1) ** 3, createdAt: new Date(now - (i + 1) * 86_400_000).toISOString() });
    }
  }

  countExecution(commandId: string): void {
    this.executions.set(commandId, (this.executions.get(commandId) ?? 0) + 1);
  }

  newApiKey(): { keyId: string; generatedKey: string } {
    return { keyId: `key-${randomUUID().slice(0, 8)}`, generatedKey: `demo_${randomBytes(24).toString('base64url')}` };
  }
}
