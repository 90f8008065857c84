import { Backoff } from './backoff';

describe('Backoff', () => {
  it('doubles up to the cap, each delay drawn between half and all of the ceiling', () => {
    const low = new Backoff({ initialMs: 1000, maxMs: 8000 }, () => 0);
    const high = new Backoff({ initialMs: 1000, maxMs: 8000 }, () => 1);
    expect(Array.from({ length: 6 }, () => low.next())).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect(Array.from({ length: 6 }, () => high.next())).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('is never zero, so a failing backend never sees a tight loop', () => {
    const backoff = new Backoff({ initialMs: 1, maxMs: 60_000 }, () => 0);
    for (let i = 0; i < 50; i++) expect(backoff.next()).toBeGreaterThan(0);
  });

  it('spreads agents that failed together', () => {
    const delays = new Set(Array.from({ length: 20 }, () => new Backoff({ initialMs: 1000, maxMs: 60_000 }).next()));
    expect(delays.size).toBeGreaterThan(5);
  });

  it('starts over after a success and counts consecutive failures', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 10_000, factor: 3 }, () => 1);
    backoff.next();
    backoff.next();
    expect(backoff.consecutiveFailures).toBe(2);
    expect(backoff.next()).toBe(900);
    backoff.reset();
    expect(backoff.consecutiveFailures).toBe(0);
    expect(backoff.next()).toBe(100);
  });
});
