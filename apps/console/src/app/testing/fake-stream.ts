import type { StreamMessage } from '../core/stream/admin-stream';

/** Stands in for the live stream in unit specs (provide it as `AdminStream`): `send` delivers a message to the page. */
export class FakeStream {
  private readonly handlers: ((message: StreamMessage) => void)[] = [];

  on(handler: (message: StreamMessage) => void): void {
    this.handlers.push(handler);
  }

  send(message: StreamMessage): void {
    for (const handler of this.handlers) handler(message);
  }
}
