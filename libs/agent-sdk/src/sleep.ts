/** Resolves after `ms`, or at once when `signal` fires (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A {@link sleep} that `wake()` ends early; its timer is cleared either way. */
export function wakeableSleep(ms: number, signal: AbortSignal): { done: Promise<void>; wake: () => void } {
  const early = new AbortController();
  return { done: sleep(ms, AbortSignal.any([signal, early.signal])), wake: () => early.abort() };
}

/** Waits for `promise` at most `ms`; true when it settled in time. The timer never outlives the wait. */
export async function settlesWithin(promise: Promise<unknown> | undefined, ms: number): Promise<boolean> {
  if (!promise) return true;
  const timeUp = new AbortController();
  const settled = promise.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, sleep(ms, timeUp.signal).then(() => false)]);
  } finally {
    timeUp.abort();
  }
}
