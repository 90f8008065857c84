import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { channels, Notifier } from '../notifier/notifier';

/** How long a plain heartbeat's timestamp may wait before it is written (the offline threshold is 90 s). */
export const HEARTBEAT_FLUSH_MS = 1_000;
const CHUNK = 500;

/**
 * Plain heartbeats (no health, no sampled audit) only move `lastHeartbeatAt`: soft state. They are collected here and
 * written together once a second in one transaction, so a fleet's heartbeats cost one commit per second instead of
 * one each. Agents that were not ONLINE come back ONLINE in that same write (and the console hears of it); DISABLED
 * and REVOKED agents are never touched. Pending timestamps are written before the server stops; a crash loses at
 * most one second of them, which the next heartbeat restores.
 */
@Injectable()
export class HeartbeatCoalescer implements BeforeApplicationShutdown {
  private pending = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly em: EntityManager,
    private readonly notifier: Notifier,
  ) {}

  touch(agentId: string, at: Date): void {
    this.pending.set(agentId, at.getTime());
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), HEARTBEAT_FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes what is pending now (one flush at a time). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.flushing.then(() => this.write(batch)).catch(() => {
      for (const [agentId, at] of batch) if (!this.pending.has(agentId)) this.pending.set(agentId, at);
    });
    return this.flushing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private async write(batch: Map<string, number>): Promise<void> {
    if (!batch.size) return;
    const revived: string[] = [];
    const entries = [...batch.entries()];
    await this.em.fork().transactional(async (tx) => {
      const connection = tx.getConnection();
      const ctx = tx.getTransactionContext();
      for (let i = 0; i < entries.length; i += CHUNK) {
        const chunk = entries.slice(i, i + CHUNK);
        const ids = chunk.map(([id]) => id);
        const rows = await connection.execute<Array<{ id: string }>>(
          `select id from agents where id in (${ids.map(() => '?').join(',')}) and status not in ('ONLINE', 'DISABLED', 'REVOKED')`,
          ids,
          'all',
          ctx,
        );
        revived.push(...rows.map((r) => r.id));
        for (const [id, at] of chunk) {
          await connection.execute(
            `update agents set last_heartbeat_at = max(coalesce(last_heartbeat_at, 0), ?), updated_at = case when status = 'ONLINE' then updated_at else ? end, status = 'ONLINE'
              where id = ? and status not in ('DISABLED', 'REVOKED')`,
            [at, at, id],
            'run',
            ctx,
          );
        }
      }
    });
    for (const agentId of revived) this.notifier.notify(channels.adminStream, { type: 'agent', agentId });
  }
}
