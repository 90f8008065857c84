import { HeartbeatAuditSchedule } from './heartbeat-audit-schedule';

describe('HeartbeatAuditSchedule', () => {
  const PERIOD = 300_000;

  it('samples an agent first at a random point within one period of its first heartbeat, then once every period', () => {
    const schedule = new HeartbeatAuditSchedule(PERIOD, () => 0.5);
    const audited: number[] = [];
    for (let t = 0; t <= 3 * PERIOD; t += 30_000) {
      if (schedule.isDue('agt_1', t)) {
        audited.push(t);
        schedule.sampled('agt_1', t);
      }
    }
    expect(audited).toEqual([150_000, 450_000, 750_000]);
  });

  it('spreads the first samples of a fleet that starts together over the period', () => {
    let n = 0;
    const schedule = new HeartbeatAuditSchedule(PERIOD, () => (n++ % 10) / 10);
    const agents = Array.from({ length: 1000 }, (_, i) => `agt_${i}`);
    for (const agent of agents) expect(schedule.isDue(agent, 0)).toBe(false);
    const dueAt = (t: number) => agents.filter((agent) => schedule.isDue(agent, t)).length;
    expect(dueAt(1)).toBe(100); // random() = 0: due at once on the next heartbeat
    expect(dueAt(PERIOD / 2)).toBe(600);
    expect(dueAt(PERIOD)).toBe(1000);
  });

  it('never lets an agent go more than a period (plus one heartbeat) without a sample', () => {
    const schedule = new HeartbeatAuditSchedule(PERIOD);
    let last = 0;
    for (let t = 0; t <= 10 * PERIOD; t += 30_000) {
      if (schedule.isDue('agt_1', t)) {
        expect(t - last).toBeLessThanOrEqual(PERIOD + 30_000);
        last = t;
        schedule.sampled('agt_1', t);
      }
    }
    expect(last).toBeGreaterThan(9 * PERIOD);
  });
});
