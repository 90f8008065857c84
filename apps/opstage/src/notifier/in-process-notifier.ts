import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import { Notifier } from './notifier';

@Injectable()
export class InProcessNotifier extends Notifier {
  private readonly emitter = new EventEmitter();

  constructor() {
    super();
    this.emitter.setMaxListeners(0);
  }

  notify(channel: string, payload?: unknown): void {
    this.emitter.emit(channel, payload);
  }

  waitFor<T>(channel: string, timeoutMs: number, signal?: AbortSignal): Promise<T | undefined> {
    return new Promise((resolve) => {
      if (signal?.aborted || this.closing.aborted || timeoutMs <= 0) return resolve(undefined);
      const finish = (value: T | undefined) => {
        clearTimeout(timer);
        this.emitter.off(channel, onNotify);
        signal?.removeEventListener('abort', onAbort);
        forgetClose();
        resolve(value);
      };
      const onNotify = (payload: T) => finish(payload);
      const onAbort = () => finish(undefined);
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      this.emitter.on(channel, onNotify);
      signal?.addEventListener('abort', onAbort, { once: true });
      const forgetClose = this.onClose(onAbort);
    });
  }

  subscribe(channel: string, listener: (payload: unknown) => void): () => void {
    this.emitter.on(channel, listener);
    return () => this.emitter.off(channel, listener);
  }
}
