import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import { CoalescedWrites } from './coalesced-writes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A store that records every chunk it is asked to write, and can be told to fail some. */
function store(fail: (chunk: Array<[string, number]>, call: number) => boolean = () => false) {
  const chunks: Array<Array<[string, number]>> = [];
  const rows = new Map<string, number>();
  let calls = 0;
  const writeChunk = async (chunk: Array<[string, number]>) => {
    chunks.push(chunk);
    if (fail(chunk, calls++)) throw new Error('disk I/O error');
    for (const [key, value] of chunk) rows.set(key, value);
  };
  return { chunks, rows, writeChunk };
}

type WriteChunk = (chunk: Array<[string, number]>) => Promise<void>;
const coalesced = (writeChunk: WriteChunk, { everyMs = 1_000, chunkSize = 10 } = {}) => new CoalescedWrites<number>({ name: 'test', everyMs, chunkSize, writeChunk });

describe('CoalescedWrites', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('writes the newest value per key once, a while after the first one was set', async () => {
    const { chunks, rows, writeChunk } = store();
    const writes = coalesced(writeChunk, { everyMs: 30 });
    writes.set('a', 1);
    writes.set('b', 1);
    writes.set('a', 2);
    expect(chunks).toHaveLength(0); // nothing written yet
    await sleep(80);
    expect(chunks).toEqual([[['a', 2], ['b', 1]]]);
    expect([...rows]).toEqual([['a', 2], ['b', 1]]);
    await sleep(60);
    expect(chunks).toHaveLength(1); // nothing pending, nothing written again
  });

  it('writes a large batch in chunks, with the event loop free between them', async () => {
    const { chunks, rows, writeChunk } = store();
    const between: number[] = [];
    const writes = coalesced(
      async (chunk) => {
        setImmediate(() => between.push(chunks.length)); // runs only if the loop turns before the next chunk
        await writeChunk(chunk);
      },
      { chunkSize: 100 },
    );
    for (let i = 0; i < 250; i++) writes.set(`k${i}`, i);
    await writes.flush();
    expect(chunks.map((chunk) => chunk.length)).toEqual([100, 100, 50]);
    expect(rows.size).toBe(250);
    expect(between.slice(0, 2)).toEqual([1, 2]);
  });

  it('puts a failed chunk and the ones after it back, keeps newer values, and retries on its own', async () => {
    let writes!: CoalescedWrites<number>;
    const { chunks, rows, writeChunk } = store((_, call) => {
      if (call !== 1) return false;
      writes.set('d', 2); // a newer value arrives while the second chunk is being written, which then fails
      return true;
    });
    writes = coalesced(writeChunk, { everyMs: 30, chunkSize: 2 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) writes.set(key, 1);
    await writes.flush();
    expect(chunks.map((chunk) => chunk.map(([key]) => key))).toEqual([['a', 'b'], ['c', 'd']]);
    expect([...rows.keys()]).toEqual(['a', 'b']);

    await sleep(80); // no new set needed: the failure re-armed the timer
    expect(chunks.slice(2)).toEqual([[['d', 2], ['c', 1]], [['e', 1]]]); // a and b are not written again
    expect(Object.fromEntries(rows)).toEqual({ a: 1, b: 1, c: 1, d: 2, e: 1 });
  });

  it('runs one flush at a time: a flush waits for the one already writing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const writes = coalesced(async (chunk) => {
      order.push(`start ${chunk[0][0]}`);
      if (chunk[0][0] === 'first') await gate;
      order.push(`end ${chunk[0][0]}`);
    });
    writes.set('first', 1);
    const first = writes.flush();
    writes.set('second', 1);
    const second = writes.flush();
    await sleep(20);
    expect(order).toEqual(['start first']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['start first', 'end first', 'start second', 'end second']);
  });

  it('writes outside the request that set the first value, not in its async context', async () => {
    const request = new AsyncLocalStorage<string>();
    const contexts: Array<string | undefined> = [];
    const writes = coalesced(async () => void contexts.push(request.getStore()), { everyMs: 20 });
    request.run('req_1', () => writes.set('a', 1)); // arms the timer
    await sleep(60);
    expect(contexts).toEqual([undefined]);
  });
});
