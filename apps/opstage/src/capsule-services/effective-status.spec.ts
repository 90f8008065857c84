import { EFFECTIVE_STATUS_SQL, effectiveServiceStatus, heartbeatCutoff, storedStatusFor } from './effective-status';

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

describe('EFFECTIVE_STATUS_SQL agrees with effectiveServiceStatus', () => {
  // better-sqlite3 is the driver under MikroORM; used directly here to evaluate the SQL form on every combination.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3') as new (file: string) => {
    exec(sql: string): void;
    prepare(sql: string): { run(...params: unknown[]): unknown; get(...params: unknown[]): { s: string } };
  };

  it('on every agent status × heartbeat age × stored status, and a missing agent', () => {
    const db = new Database(':memory:');
    db.exec('create table agents (id text primary key, status text, last_heartbeat_at integer); create table capsule_services (id text primary key, agent_id text, status text)');
    const now = new Date('2026-05-01T12:00:00.000Z');
    const threshold = 60;
    const ages: Array<number | null> = [null, 5, 60, 61, 300];
    const agentStatuses = ['PENDING', 'ONLINE', 'OFFLINE', 'DISABLED', 'REVOKED'] as const;
    const stored = ['UNKNOWN', 'HEALTHY', 'UNHEALTHY', 'STALE'] as const;
    const query = db.prepare(`select ${EFFECTIVE_STATUS_SQL} as s from capsule_services s left join agents a on a.id = s.agent_id where s.id = ?`);
    let n = 0;
    for (const status of agentStatuses) {
      for (const age of ages) {
        for (const serviceStatus of stored) {
          n += 1;
          const heartbeat = age === null ? null : new Date(now.getTime() - age * 1000);
          db.prepare('insert into agents values (?, ?, ?)').run(`agt_${n}`, status, heartbeat?.getTime() ?? null);
          db.prepare('insert into capsule_services values (?, ?, ?)').run(`svc_${n}`, `agt_${n}`, serviceStatus);
          const sql = query.get(heartbeatCutoff(threshold, now), `svc_${n}`).s;
          expect([status, age, serviceStatus, sql]).toEqual([status, age, serviceStatus, effectiveServiceStatus(serviceStatus, { status, lastHeartbeatAt: heartbeat }, threshold, now)]);
        }
      }
    }
    db.prepare('insert into capsule_services values (?, ?, ?)').run('svc_orphan', 'agt_missing', 'HEALTHY');
    expect(query.get(heartbeatCutoff(threshold, now), 'svc_orphan').s).toBe(effectiveServiceStatus('HEALTHY', null, threshold, now));
  });
});
