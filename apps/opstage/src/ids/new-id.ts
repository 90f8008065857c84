import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** `<prefix>_<ULID>`: time-sortable, monotonic within a millisecond. */
export function newId(prefix: string, now: number = Date.now()): string {
  return `${prefix}_${nextUlid(now)}`;
}

/** Any `prefix_…` id is accepted on input (the original used base64url ids, ours are ULIDs). */
export function idPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}_[A-Za-z0-9_-]{1,64}$`);
}
