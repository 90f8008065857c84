import { randomBytes, randomUUID } from 'node:crypto';

export interface DemoItem {
  id: string;
  name: string;
  status: 'ACTIVE' | 'ARCHIVED';
  sizeBytes: number;
  createdAt: string;
}

/** A long-running piece of work, reported in health details while it runs (operationStatus, operationName, …). */
export interface DemoOperation {
  name: string;
  startedAt: string;
  doneSeconds: number;
  totalSeconds: number;
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
  /** Running slow tasks by command id; health shows the newest one. */
  readonly operations = new Map<string, DemoOperation>();

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

  /** The contract's operation fields for health details: the newest running operation, or none (nothing to show). */
  operationDetails(): Record<string, string> {
    const running = [...this.operations.values()];
    const newest = running.at(-1);
    if (!newest) return {};
    const others = running.length > 1 ? ` (+${running.length - 1} more running)` : '';
    return {
      operationStatus: 'RUNNING',
      operationName: newest.name,
      operationMessage: `${newest.doneSeconds} of ${newest.totalSeconds} s done${others}`,
      operationStartedAt: newest.startedAt,
    };
  }

  newApiKey(): { keyId: string; generatedKey: string } {
    return { keyId: `key-${randomUUID().slice(0, 8)}`, generatedKey: `demo_${randomBytes(24).toString('base64url')}` };
  }
}
