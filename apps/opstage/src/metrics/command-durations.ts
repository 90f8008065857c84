import type { CommandDurationsDto } from './admin-metrics.dto';

/** Nearest-rank percentile over ascending samples: the value at index ceil(p/100 · n) − 1. */
export function nearestRank(sortedAscending: readonly number[], percentile: number): number | null {
  if (!sortedAscending.length) return null;
  const index = Math.max(0, Math.ceil((percentile / 100) * sortedAscending.length) - 1);
  return sortedAscending[Math.min(index, sortedAscending.length - 1)];
}

export function summarizeDurations(durationsMs: readonly number[]): CommandDurationsDto {
  if (!durationsMs.length) return { sampleSize: 0, p50Ms: null, p95Ms: null, maxMs: null, meanMs: null };
  const sorted = [...durationsMs].sort((a, b) => a - b);
  return {
    sampleSize: sorted.length,
    p50Ms: nearestRank(sorted, 50),
    p95Ms: nearestRank(sorted, 95),
    maxMs: sorted[sorted.length - 1],
    meanMs: Math.round(sorted.reduce((sum, v) => sum + v, 0) / sorted.length),
  };
}
