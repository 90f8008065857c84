import { InProcessNotifier } from '../notifier/in-process-notifier';
import { channels } from '../notifier/notifier';
import { AdminStream, sseEvent } from './admin-stream';

function collect(stream: NodeJS.ReadableStream): { text: () => string } {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { text: () => text };
}

describe('admin SSE stream', () => {
  it('formats events as one JSON data line', () => {
    expect(sseEvent({ type: 'command', commandId: 'cmd_1' })).toBe('data: {"type":"command","commandId":"cmd_1"}\n\n');
    expect(sseEvent({ type: 'ready' }, 'ready')).toBe('event: ready\ndata: {"type":"ready"}\n\n');
  });

  it('starts with ready, relays notifications, sends heartbeat comments, and unsubscribes on close', async () => {
    const notifier = new InProcessNotifier();
    const stream = new AdminStream(notifier).open(20);
    const out = collect(stream);
    notifier.notify(channels.adminStream, { type: 'agent', agentId: 'agt_1' });
    await new Promise((r) => setTimeout(r, 70));
    expect(out.text()).toMatch(/^retry: 3000\nevent: ready\ndata: \{"type":"ready"/);
    expect(out.text()).toContain('data: {"type":"agent","agentId":"agt_1"}\n\n');
    expect(out.text()).toMatch(/\n: heartbeat \S+\n\n/);
    const listeners = () => (notifier as unknown as { emitter: NodeJS.EventEmitter }).emitter.listenerCount(channels.adminStream);
    expect(listeners()).toBe(1);
    stream.destroy();
    await new Promise((r) => setImmediate(r));
    expect(listeners()).toBe(0);
  });
});
