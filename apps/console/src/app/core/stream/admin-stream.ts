import { DestroyRef, inject, Injectable, signal } from '@angular/core';

export interface StreamMessage {
  type: string;
  [key: string]: unknown;
}

/**
 * One EventSource on `/api/admin/stream` shared by every page. Pages call `on(handler)` and refresh what they show;
 * the browser reconnects by itself (the server sends `retry: 3000`).
 */
@Injectable({ providedIn: 'root' })
export class AdminStream {
  private source: EventSource | null = null;
  private readonly handlers = new Set<(message: StreamMessage) => void>();
  readonly connected = signal(false);

  /** Subscribes for the lifetime of the calling component. */
  on(handler: (message: StreamMessage) => void, destroyRef = inject(DestroyRef)): void {
    this.handlers.add(handler);
    this.open();
    destroyRef.onDestroy(() => this.handlers.delete(handler));
  }

  close(): void {
    this.source?.close();
    this.source = null;
    this.connected.set(false);
  }

  private open(): void {
    if (this.source || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/admin/stream', { withCredentials: true });
    source.addEventListener('ready', () => this.connected.set(true));
    source.onopen = () => this.connected.set(true);
    source.onerror = () => this.connected.set(false);
    source.onmessage = (event: MessageEvent<string>) => {
      let message: StreamMessage;
      try {
        message = JSON.parse(event.data) as StreamMessage;
      } catch {
        return;
      }
      for (const handler of this.handlers) handler(message);
    };
    this.source = source;
  }
}
