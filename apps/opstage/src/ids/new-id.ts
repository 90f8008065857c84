import { randomFillSync } from 'node:crypto';

/** Crockford's base32, as ULIDs use it. */
const ENCODING = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_LENGTH = 10;
const RANDOM_LENGTH = 16;

/** Random bytes drawn 4 KB at a time: the `ulid` package asked the CSPRNG once per character (5% of a busy server's CPU). */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;
let lastTime = -1;
const lastRandom = new Uint8Array(RANDOM_LENGTH); // base32 digits, 0..31

function freshRandom(): void {
  if (poolOffset + RANDOM_LENGTH > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  for (let i = 0; i < RANDOM_LENGTH; i++) lastRandom[i] = pool[poolOffset + i] & 31; // 256 is a multiple of 32: uniform
  poolOffset += RANDOM_LENGTH;
}

/** Adds one to the random part (monotonic within a millisecond, as ulid's monotonicFactory does). */
function incrementRandom(): void {
  for (let i = RANDOM_LENGTH - 1; i >= 0; i--) {
    if (lastRandom[i] < 31) {
      lastRandom[i]++;
      return;
    }
    lastRandom[i] = 0;
  }
  throw new Error('ULID random part overflowed within one millisecond');
}

/** A monotonic ULID: 48-bit millisecond time then 80 random bits, incremented instead of redrawn within a millisecond. */
export function nextUlid(now: number = Date.now()): string {
  if (now <= lastTime) incrementRandom();
  else {
    lastTime = now;
    freshRandom();
  }
  let time = '';
  for (let t = lastTime, i = 0; i < TIME_LENGTH; i++, t = Math.floor(t / 32)) time = ENCODING[t % 32] + time;
  let random = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) random += ENCODING[lastRandom[i]];
  return time + random;
}

/** `<prefix>_<ULID>`: time-sortable, monotonic within a millisecond. */
export function newId(prefix: string, now: number = Date.now()): string {
  return `${prefix}_${nextUlid(now)}`;
}

/** Any `prefix_…` id is accepted on input (the original used base64url ids, ours are ULIDs). */
export function idPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}_[A-Za-z0-9_-]{1,64}$`);
}
