import { effectiveServiceStatus, storedStatusFor } from './effective-status';

describe('effectiveServiceStatus (threshold 60 s, fixed clock)', () => {
  const now = new Date('2026-05-01T12:00:00.000Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

  it.each([
    ['agent missing', null, 'OFFLINE'],
    ['agent REVOKED', { status: 'REVOKED', lastHeartbeatAt: ago(5) }, 'OFFLINE'],
    ['agent DISABLED', { status: 'DISABLED', lastHeartbeatAt: ago(5) }, 'OFFLINE'],
    ['agent stored as OFFLINE (not STALE)', { status: 'OFFLINE', lastHeartbeatAt: ago(5) }, 'OFFLINE'],
    ['ONLINE, heartbeat 5 min old', { status: 'ONLINE', lastHeartbeatAt: ago(300) }, 'STALE'],
    ['ONLINE, heartbeat null', { status: 'ONLINE', lastHeartbeatAt: null }, 'STALE'],
    ['PENDING, heartbeat null', { status: 'PENDING', lastHeartbeatAt: null }, 'STALE'],
    ['ONLINE, heartbeat 5 s old', { status: 'ONLINE', lastHeartbeatAt: ago(5) }, 'HEALTHY'],
  ] as const)('%s → %s', (_name, agent, expected) => {
    expect(effectiveServiceStatus('HEALTHY', agent as never, 60, now)).toBe(expected);
  });

  it('keeps the stored UNHEALTHY or UNKNOWN value for a fresh agent', () => {
    const agent = { status: 'ONLINE' as const, lastHeartbeatAt: ago(5) };
    expect(effectiveServiceStatus('UNHEALTHY', agent, 60, now)).toBe('UNHEALTHY');
    expect(effectiveServiceStatus('UNKNOWN', agent, 60, now)).toBe('UNKNOWN');
  });

  it('is STALE exactly past the threshold, not at it', () => {
    expect(effectiveServiceStatus('HEALTHY', { status: 'ONLINE', lastHeartbeatAt: ago(60) }, 60, now)).toBe('HEALTHY');
    expect(effectiveServiceStatus('HEALTHY', { status: 'ONLINE', lastHeartbeatAt: ago(61) }, 60, now)).toBe('STALE');
  });

  it('maps health to the stored status', () => {
    expect(storedStatusFor('UP')).toBe('HEALTHY');
    expect(storedStatusFor('DEGRADED')).toBe('UNHEALTHY');
    expect(storedStatusFor('DOWN')).toBe('UNHEALTHY');
    expect(storedStatusFor('UNKNOWN')).toBe('UNKNOWN');
    expect(storedStatusFor(undefined)).toBe('UNKNOWN');
  });
});
