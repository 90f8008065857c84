/**
 * Wake-ups between requests: a long-polling agent waiting for a command, a prepare waiting for its result, the SSE
 * stream. One interface so a database-backed implementation (PostgreSQL LISTEN/NOTIFY) can replace the in-process one.
 */
export abstract class Notifier {
  private readonly closingController = new AbortController();
  private readonly closeCallbacks = new Set<() => void>();

  /**
   * Fires when the application shuts down: waits end at once and streams close, so a SIGTERM does not wait out every
   * long-poll and SSE connection before the server can stop.
   */
  get closing(): AbortSignal {
    return this.closingController.signal;
  }

  /** Called by the notifier module when Nest begins shutting down. */
  close(): void {
    this.closingController.abort();
    for (const callback of this.closeCallbacks) callback();
    this.closeCallbacks.clear();
  }

  /**
   * Calls `callback` on close (at once if already closed); returns the function that forgets it. For the many
   * short-lived waiters of a fleet's long-polls: adding and removing a listener on the shared {@link closing} signal
   * walks all its listeners, which with thousands of parked polls costs more than the poll itself.
   */
  onClose(callback: () => void): () => void {
    if (this.closingController.signal.aborted) {
      callback();
      return () => undefined;
    }
    this.closeCallbacks.add(callback);
    return () => this.closeCallbacks.delete(callback);
  }

  /** Signals every waiter and subscriber of `channel`. */
  abstract notify(channel: string, payload?: unknown): void;

  /** Resolves with the payload of the next notification on `channel`, or `undefined` after `timeoutMs` or on abort. */
  abstract waitFor<T = unknown>(channel: string, timeoutMs: number, signal?: AbortSignal): Promise<T | undefined>;

  /** Calls `listener` for every notification on `channel` until the returned function is called. */
  abstract subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export const channels = {
  agentCommands: (agentId: string) => `agent-commands:${agentId}`,
  commandFinished: (commandId: string) => `command-finished:${commandId}`,
  adminStream: 'admin-stream',
} as const;
