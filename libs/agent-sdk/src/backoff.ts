export interface BackoffOptions {
  /** First delay, before jitter. */
  initialMs: number;
  /** Largest delay. */
  maxMs: number;
  /** Growth per consecutive failure. */
  factor?: number;
}

/**
 * Exponential backoff with "equal jitter": the n-th delay is uniformly drawn from [d/2, d] where
 * d = min(maxMs, initialMs · factor^n). Never zero, so a failing backend never sees a tight loop, and agents that
 * failed together spread out instead of retrying in lockstep.
 */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly options: BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next attempt; each call counts one more consecutive failure. */
  next(): number {
    const ceiling = Math.min(this.options.maxMs, this.options.initialMs * (this.options.factor ?? 2) ** this.failures);
    this.failures += 1;
    return Math.round(ceiling / 2 + this.random() * (ceiling / 2));
  }

  /** After a success: the next failure starts from the initial delay again. */
  reset(): void {
    this.failures = 0;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }
}
