import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';

export interface CoalescedWritesOptions<V> {
  /** How long a value may wait in memory before it is written. */
  everyMs: number;
  /**
   * Rows per write, 250 unless given; the event loop is free between chunks. (One statement per row, all in one
   * transaction, blocked the event loop 15–60 ms a second at 10,000 agents; docs/benchmarks.md.)
   */
  chunkSize?: number;
  /** Writes one chunk (one statement or one short transaction); a rejection puts the chunk back. */
  writeChunk: (chunk: Array<[string, V]>) => Promise<void>;
  /** Names the writes in the warning a failed flush logs. */
  name: string;
}

/**
 * Soft state (a timestamp per row, say) collected in memory and written together: the newest value per key, at most
 * `everyMs` after it was set, in chunks that are each their own short write, with the event loop free between chunks
 * so a fleet's second of them never holds up a request for long. A chunk that fails goes back to the pending values
 * (unless a newer value came meanwhile) with everything after it, and is tried again at the next flush; chunks already
 * written are not written twice. One flush runs at a time; the owner calls {@link flush} before the server stops.
 */
export class CoalescedWrites<V> {
  private pending = new Map<string, V>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private readonly logger: Logger;
  private readonly chunkSize: number;
  /**
   * Runs a function in the async context this object was built in (at start-up, outside any request). The flush timer
   * is armed from whichever request sets a value first; armed in that request's context, the flush would run inside
   * it — its audit metadata, its EntityManager fork — and keep it alive until the timer fires.
   */
  private readonly outsideRequests = AsyncLocalStorage.snapshot();

  constructor(private readonly options: CoalescedWritesOptions<V>) {
    this.logger = new Logger(options.name);
    this.chunkSize = options.chunkSize ?? 250;
  }

  set(key: string, value: V): void {
    this.pending.set(key, value);
    this.schedule();
  }

  /** Writes what is pending now, after any flush already running. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = this.outsideRequests(() => setTimeout(() => void this.flush(), this.options.everyMs));
    this.timer.unref();
  }

  private async write(batch: Map<string, V>): Promise<void> {
    const entries = [...batch];
    for (let i = 0; i < entries.length; i += this.chunkSize) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      try {
        await this.options.writeChunk(entries.slice(i, i + this.chunkSize));
      } catch (error) {
        for (const [key, value] of entries.slice(i)) if (!this.pending.has(key)) this.pending.set(key, value);
        this.schedule();
        this.logger.warn(`${entries.length - i} pending value(s) not written, retried at the next flush: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
    }
  }
}
