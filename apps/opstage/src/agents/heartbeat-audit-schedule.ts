/** An agent's heartbeat is audited (sampled) once per this period. */
export const HEARTBEAT_AUDIT_EVERY_MS = 5 * 60_000;

/**
 * When each agent's next heartbeat is to be audited. The first heartbeat this process sees from an agent is not
 * audited at once: its first sample falls at a random point within one period, then every period after the last
 * one. A restarted server, or a fleet that reconnects together, thus spreads its audit writes over the period
 * instead of writing one row per agent in the first seconds; each agent is still sampled at least once a period.
 */
export class HeartbeatAuditSchedule {
  private readonly due = new Map<string, number>();

  constructor(
    private readonly periodMs = HEARTBEAT_AUDIT_EVERY_MS,
    private readonly random: () => number = Math.random,
  ) {}

  /** Whether this heartbeat is the one to audit; when it is, the next sample is due one period later. */
  isDue(agentId: string, now: number): boolean {
    const due = this.due.get(agentId);
    if (due === undefined) {
      this.due.set(agentId, now + Math.floor(this.random() * this.periodMs));
      return false;
    }
    return now >= due;
  }

  /** The sampled heartbeat was written. */
  sampled(agentId: string, now: number): void {
    this.due.set(agentId, now + this.periodMs);
  }
}
