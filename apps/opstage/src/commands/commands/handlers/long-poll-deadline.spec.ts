import { longPollMs } from './poll-agent-commands.handler';

describe('longPollMs', () => {
  it('waits the full time for short waits', () => {
    expect(longPollMs(0, () => 1)).toBe(0);
    expect(longPollMs(5, () => 1)).toBe(5_000);
  });

  it('ends a long wait at a random point in its last fifth', () => {
    expect(longPollMs(25, () => 0)).toBe(25_000);
    expect(longPollMs(25, () => 0.5)).toBe(22_500);
    expect(longPollMs(25, () => 0.999999)).toBeGreaterThanOrEqual(20_000);
  });
});
