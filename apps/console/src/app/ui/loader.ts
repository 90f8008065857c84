import { signal } from '@angular/core';
import { ApiError } from '../core/http/api-error';

/**
 * One thing a page loads (a detail, a summary, the settings) with the loading and error state `ops-load-state` shows.
 * A slower, older load never overwrites a newer one.
 */
export class Loader<T> {
  readonly value = signal<T | null>(null);
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);
  private generation = 0;

  constructor(private readonly fetch: () => Promise<T>) {}

  /** `quiet` refreshes without the progress bar (a live update), keeping what is shown until the answer arrives. */
  async load({ quiet = false }: { quiet?: boolean } = {}): Promise<T | null> {
    const generation = ++this.generation;
    if (!quiet) this.loading.set(true);
    this.error.set(null);
    try {
      const value = await this.fetch();
      if (generation === this.generation) this.value.set(value);
      return value;
    } catch (error) {
      if (generation === this.generation) this.error.set(ApiError.from(error));
      return null;
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }
}

/** A button's request (save, cancel, run now): busy while it runs, and the server's error if it fails. */
export class Operation {
  readonly busy = signal(false);
  readonly error = signal<ApiError | null>(null);

  /** Runs `request`; resolves to its result, or undefined when it failed (the error is then in `error`). */
  async run<R>(request: () => Promise<R>): Promise<R | undefined> {
    this.busy.set(true);
    this.error.set(null);
    try {
      return await request();
    } catch (error) {
      this.error.set(ApiError.from(error));
      return undefined;
    } finally {
      this.busy.set(false);
    }
  }
}
