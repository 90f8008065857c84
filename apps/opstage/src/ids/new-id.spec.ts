import { decodeTime, isValid } from 'ulid';
import { newId, nextUlid } from './new-id';

describe('newId', () => {
  it('makes valid ULIDs that carry their time', () => {
    const now = Date.UTC(2026, 10, 24, 12, 0, 0, 123);
    const id = nextUlid(now + 1_000_000);
    expect(isValid(id)).toBe(true);
    expect(decodeTime(id)).toBe(now + 1_000_000);
    expect(newId('cmd')).toMatch(/^cmd_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('is strictly increasing, within a millisecond and when the clock goes back', () => {
    const at = Date.now() + 10_000_000;
    const ids = [...Array.from({ length: 1000 }, () => nextUlid(at)), nextUlid(at - 5), nextUlid(at + 1)];
    const sorted = [...ids].sort();
    expect(ids).toEqual(sorted);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws fresh randomness each new millisecond', () => {
    const base = Date.now() + 20_000_000;
    const randoms = new Set(Array.from({ length: 200 }, (_, i) => nextUlid(base + i).slice(10)));
    expect(randoms.size).toBe(200);
  });
});
