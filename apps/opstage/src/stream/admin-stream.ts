import { PassThrough } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { channels, Notifier } from '../notifier/notifier';

export const HEARTBEAT_MS = 15_000;
/** A slow client that lets this much pile up is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Formats one SSE event. `data` is JSON on a single line (JSON.stringify never emits raw newlines). */
export function sseEvent(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data ?? {})}\n\n`;
}

/**
 * One SSE connection per console tab: subscribes to the admin-stream channel of the Notifier and writes every
 * notification as an event; a comment line keeps proxies from closing an idle connection. Everything is released
 * when the client goes away.
 */
@Injectable()
export class AdminStream {
  constructor(private readonly notifier: Notifier) {}

  open(heartbeatMs = HEARTBEAT_MS): PassThrough {
    const out = new PassThrough();
    const write = (chunk: string) => {
      if (out.destroyed || out.writableEnded) return;
      if (out.writableLength > MAX_BUFFERED_BYTES) return out.destroy();
      out.write(chunk);
    };
    const unsubscribe = this.notifier.subscribe(channels.adminStream, (payload) => write(sseEvent(payload)));
    const heartbeat = setInterval(() => write(`: heartbeat ${new Date().toISOString()}\n\n`), heartbeatMs);
    heartbeat.unref();
    const end = () => out.end();
    this.notifier.closing.addEventListener('abort', end, { once: true });
    out.once('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.notifier.closing.removeEventListener('abort', end);
    });
    if (this.notifier.closing.aborted) out.end();
    write(`retry: 3000\n${sseEvent({ type: 'ready', at: new Date().toISOString() }, 'ready')}`);
    return out;
  }
}
