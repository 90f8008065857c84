import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BusForwarder, type AdapterEvent } from './bus-forwarder';
import { ApiRequestError, BusDisabledError, BusRateLimitedError } from './errors';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('BusForwarder (OpHub thin forwarding)', () => {
  let server: Server;
  let url: string;
  const log: AdapterEvent[] = [];
  const asked: Array<string | null> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const after = new URL(req.url!, 'http://x').searchParams.get('after');
      asked.push(after);
      const from = Number(after ?? 0);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ events: log.slice(from), cursor: String(log.length) }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/capsule/bus/events`;
  });
  afterAll(() => new Promise((r) => server.close(r)));
  beforeEach(() => {
    log.length = 0;
    asked.length = 0;
  });

  const forwarder = (publish: jest.Mock, onError: jest.Mock = jest.fn()) => new BusForwarder('legacy-shop', { url }, publish, silent, onError);
  const ok = () => jest.fn().mockResolvedValue({ eventId: 'bev_1', routedCommands: [] });

  it('publishes the adapter\'s events as the service, in order, then asks only for newer ones', async () => {
    log.push({ eventId: 'a', eventType: 'order.shipped', payload: { orderId: 1 } }, { eventType: 'shop.hello' });
    const publish = ok();
    const signal = new AbortController().signal;
    const f = forwarder(publish);
    expect(await f.forwardOnce(signal)).toBe(2);
    expect(publish.mock.calls.map((c) => [c[0].eventType, c[1]])).toEqual([['order.shipped', 'legacy-shop'], ['shop.hello', 'legacy-shop']]);
    expect(publish.mock.calls[0][0].eventId).toBe('a');
    // An event without an id gets one derived from its content, the same on every read (idempotent forwarding).
    expect(publish.mock.calls[1][0].eventId).toMatch(/^legacy-shop:[0-9a-f]{32}$/);
    log.push({ eventId: 'c', eventType: 'order.shipped' });
    expect(await f.forwardOnce(signal)).toBe(1);
    expect(asked).toEqual([null, '2']);
    expect(publish.mock.calls[2][0].eventId).toBe('c');
  });

  it('keeps the cursor when the backend rate-limits, so the next round sends the events again', async () => {
    log.push({ eventId: 'a', eventType: 't' }, { eventId: 'b', eventType: 't' });
    const publish = ok().mockResolvedValueOnce({}).mockRejectedValueOnce(new BusRateLimitedError('slow down', 'BUS_RATE_LIMITED', 429));
    const f = forwarder(publish);
    await expect(f.forwardOnce(new AbortController().signal)).rejects.toBeInstanceOf(BusRateLimitedError);
    await f.forwardOnce(new AbortController().signal);
    expect(asked).toEqual([null, null]);
    expect(publish.mock.calls.map((c) => c[0].eventId)).toEqual(['a', 'b', 'a', 'b']);
  });

  it('skips an event the backend refuses for good and reports it', async () => {
    log.push({ eventId: 'bad', eventType: 't' }, { eventId: 'good', eventType: 't' });
    const refusal = new ApiRequestError('payload invalid', 'BUS_EVENT_PAYLOAD_INVALID', 422);
    const publish = ok().mockRejectedValueOnce(refusal);
    const onError = jest.fn();
    expect(await forwarder(publish, onError).forwardOnce(new AbortController().signal)).toBe(1);
    expect(onError).toHaveBeenCalledWith(refusal);
  });

  it('stops for good when the backend\'s bus is disabled', async () => {
    log.push({ eventId: 'a', eventType: 't' });
    const publish = jest.fn().mockRejectedValue(new BusDisabledError('off', 'CAPSULE_BUS_DISABLED', 404));
    await forwarder(publish).run(new AbortController().signal); // returns instead of looping
    expect(publish).toHaveBeenCalledTimes(1);
  });
});
