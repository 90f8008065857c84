import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { OpstageConfig } from '../config/opstage-config';
import { CoalescedWrites } from '../database/coalesced-writes';
import { channels, Notifier } from '../notifier/notifier';

/** How long a plain heartbeat's timestamp may wait before it is written (the offline threshold is 90 s). */
export const HEARTBEAT_FLUSH_MS = 1_000;

/**
 * Agents per flush transaction. Each chunk holds the event loop while SQLite writes it, and a request that arrives
 * meanwhile waits: at 10,000 agents (~1,400 beats a second) chunks of 250 took ~3.4 ms each, chunks of 100 without the
 * status index rewrite ~1.1 ms, at less cost per heartbeat (ADR 0016).
 */
export const HEARTBEAT_CHUNK_ROWS = 100;

/**
 * Plain heartbeats (no health, no sampled audit) and polls of ready agents only move `lastHeartbeatAt`: soft state.
 * They are collected here and written together once a second (CoalescedWrites: a short transaction per 100 agents),
 * so a fleet's heartbeats cost a few commits a second instead of one each. An agent that went OFFLINE meanwhile comes
 * back ONLINE in that same write (and the console hears of it); DISABLED and REVOKED agents are never touched. Pending
 * timestamps are written before the server stops; a crash loses at most one second of them, which the next heartbeat
 * restores.
 */
@Injectable()
export class HeartbeatCoalescer implements BeforeApplicationShutdown {
  /** When this process last had a sign of life from each agent (written, or about to be). */
  private readonly lastSeen = new Map<string, number>();
  private readonly writes = new CoalescedWrites<number>({
    name: 'HeartbeatCoalescer',
    everyMs: HEARTBEAT_FLUSH_MS,
    chunkSize: HEARTBEAT_CHUNK_ROWS,
    writeChunk: (chunk) => this.writeChunk(chunk),
  });

  constructor(
    private readonly em: EntityManager,
    private readonly notifier: Notifier,
    private readonly config: OpstageConfig,
  ) {}

  /**
   * A sign of life from an agent (a plain heartbeat or a command poll). An agent that is not ONLINE, or whose stored
   * heartbeat is older than half the offline threshold, is written at once, so an operator can act on it right away;
   * otherwise only the timestamp moves, coalesced. Either way the stored heartbeat — what an action's readiness check
   * reads — stays well inside the threshold while a newer one waits in memory (a stored one 89 s old left coalesced
   * was refused as stale a second later). While this process has seen the agent within half the threshold the
   * database is not asked at all (the hot path stays free of statements).
   */
  async beat(agentId: string, at: Date): Promise<void> {
    const seen = this.lastSeen.get(agentId);
    if (seen !== undefined && at.getTime() - seen < this.readyWindowMs()) return this.touch(agentId, at);
    const staleBefore = at.getTime() - this.readyWindowMs();
    const { affectedRows } = await this.em.getConnection().execute<{ affectedRows: number }>(
      `update agents set status = 'ONLINE', last_heartbeat_at = ?, updated_at = ?
        where id = ? and status not in ('DISABLED', 'REVOKED') and (status <> 'ONLINE' or last_heartbeat_at is null or last_heartbeat_at < ?)`,
      [at.getTime(), at.getTime(), agentId, staleBefore],
      'run',
    );
    if (!affectedRows) return this.touch(agentId, at);
    this.lastSeen.set(agentId, at.getTime());
    this.notifier.notify(channels.adminStream, { type: 'agent', agentId });
  }

  /** Another path wrote this agent ONLINE with a fresh heartbeat (a heartbeat with health, say): it is ready. */
  written(agentId: string, at: Date): void {
    this.lastSeen.set(agentId, at.getTime());
  }

  touch(agentId: string, at: Date): void {
    this.writes.set(agentId, at.getTime());
    this.lastSeen.set(agentId, at.getTime());
  }

  /** Writes what is pending now (one flush at a time). */
  flush(): Promise<void> {
    return this.writes.flush();
  }

  /** Half the offline threshold: well inside it even with a flush still pending. */
  private readyWindowMs(): number {
    return (this.config.agentOfflineThresholdSeconds * 1000) / 2;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /**
   * One chunk's transaction: a select of the agents that come back ONLINE, one multi-row update of the timestamps, and
   * for the revived only (usually none) their status. The timestamp update leaves `status` out of its SET, so the
   * status index is not rewritten for every heartbeat (ADR 0016).
   */
  private async writeChunk(chunk: Array<[string, number]>): Promise<void> {
    const ids = chunk.map(([id]) => id);
    const revived = await this.em.fork().transactional(async (tx) => {
      const connection = tx.getConnection();
      const ctx = tx.getTransactionContext();
      const rows = await connection.execute<Array<{ id: string }>>(
        `select id from agents where id in (${ids.map(() => '?').join(',')}) and status not in ('ONLINE', 'DISABLED', 'REVOKED')`,
        ids,
        'all',
        ctx,
      );
      const revivedIds = new Set(rows.map((row) => row.id));
      const beats = (entries: Array<[string, number]>) => `(select column1 as id, column2 as at from (values ${entries.map(() => '(?, ?)').join(', ')})) as beats`;
      await connection.execute(
        `update agents set last_heartbeat_at = max(coalesce(agents.last_heartbeat_at, 0), beats.at)
          from ${beats(chunk)} where agents.id = beats.id and agents.status not in ('DISABLED', 'REVOKED')`,
        chunk.flat(),
        'run',
        ctx,
      );
      const revivedBeats = chunk.filter(([id]) => revivedIds.has(id));
      if (revivedBeats.length) {
        await connection.execute(
          `update agents set status = 'ONLINE', updated_at = beats.at
            from ${beats(revivedBeats)} where agents.id = beats.id and agents.status not in ('ONLINE', 'DISABLED', 'REVOKED')`,
          revivedBeats.flat(),
          'run',
          ctx,
        );
      }
      return [...revivedIds];
    });
    for (const agentId of revived) this.notifier.notify(channels.adminStream, { type: 'agent', agentId });
  }
}
