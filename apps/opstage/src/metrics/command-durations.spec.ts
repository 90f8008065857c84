import { nearestRank, summarizeDurations } from './command-durations';

describe('command durations', () => {
  it('is all null without samples', () => {
    expect(summarizeDurations([])).toEqual({ sampleSize: 0, p50Ms: null, p95Ms: null, maxMs: null, meanMs: null });
  });

  it('uses nearest rank: index ceil(p/100·n) − 1 over the sorted samples', () => {
    const sorted = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    expect(nearestRank(sorted, 50)).toBe(100);
    expect(nearestRank(sorted, 95)).toBe(190);
    expect(nearestRank([7], 95)).toBe(7);
  });

  it('sorts, rounds the mean and reports the max', () => {
    expect(summarizeDurations([300, 100, 200, 401])).toEqual({ sampleSize: 4, p50Ms: 200, p95Ms: 401, maxMs: 401, meanMs: 250 });
  });
});
