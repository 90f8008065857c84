import { CommandBus, CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/sqlite';
import { HeartbeatCoalescer } from '../../../agents/heartbeat-coalescer';
import { AuditRecorder } from '../../../audit/audit-recorder';
import { PayloadSealer } from '../../../crypto/payload-sealer';
import { channels, Notifier } from '../../../notifier/notifier';
import { nativeReadNow, runNativeTransactionNow } from '../../../database/native-transaction';
import { Command } from '../../command.entity';
import { OperationalCounters } from '../../../metrics/operational-counters';
import { unsealPayload } from '../../domain/payload-secrets';
import { AgentCommandPoll, CommandDto } from '../../dto/command.dto';
import { CommandDispatchedEvent } from '../../events/impl/command-dispatched.event';
import { ExpireCommandsCommand } from '../impl/expire-commands.command';
import { PollAgentCommandsCommand } from '../impl/poll-agent-commands.command';

const MAX_CANCEL_SIGNALS = 100;
/**
 * Why a poll's own wait is ended. A plain `abort()` builds a DOMException with a captured stack for every poll (about
 * 1% of the server's CPU with 10,000 agents polling); nothing reads the reason.
 */
const POLL_ENDED = Object.freeze({ reason: 'poll ended' });

/**
 * How long an empty poll waits. A long wait (10 s or more) ends at a random point in its last fifth: agents re-poll as
 * soon as an empty answer arrives, so a fleet that connected together (a server restart) would otherwise keep
 * arriving in one burst every cycle; this spreads it over a few cycles.
 */
export function longPollMs(waitSeconds: number, random: () => number = Math.random): number {
  const waitMs = waitSeconds * 1000;
  return waitSeconds >= 10 ? Math.round(waitMs * (1 - 0.2 * random())) : waitMs;
}

/** Overdue open commands (to expire), PENDING ones (to claim) and unsignalled cancels of started ones (to hand out). */
const WORK_PROBE = `select
  exists(select 1 from commands where agent_id = ? and status in ('PENDING', 'RUNNING') and expires_at < ?) as overdue,
  exists(select 1 from commands where agent_id = ? and status = 'PENDING') as pending,
  exists(select 1 from commands where agent_id = ? and status = 'CANCELLED' and started_at is not null and cancel_signalled_at is null) as cancels`;

/** PENDING commands of an agent that have not expired, oldest first. */
const CLAIMABLE = `select * from commands where agent_id = ? and status = 'PENDING' and (expires_at is null or expires_at > ?)
  order by created_at asc, id asc limit ?`;
/** The claim itself: only one poll can move a command from PENDING. */
const START = `update commands set status = 'RUNNING', started_at = ?, expires_at = ?, updated_at = ? where id = ? and status = 'PENDING'`;
/** Cancels of commands the agent had started, not yet handed to it. */
const UNSIGNALLED_CANCELS = `select id from commands where agent_id = ? and status = 'CANCELLED' and started_at is not null
  and cancel_signalled_at is null order by completed_at asc limit ?`;
const MARK_CANCEL_SIGNALLED = 'update commands set cancel_signalled_at = ? where id = ? and cancel_signalled_at is null';

/**
 * The agent poll. Counts as a heartbeat (HeartbeatCoalescer.beat); one plain read tells whether the agent has anything
 * waiting, and only then does it expire overdue commands once (they are never delivered), claim PENDING
 * commands oldest first with a conditional update each, and hands out cancels of RUNNING commands once. With
 * `waitSeconds` it waits on the agent's notification channel (registered before each claim, so a command queued in
 * between is not missed) until something arrives, the deadline passes or the client disconnects.
 *
 * The claimed rows are read into entities before their conditional update and never changed as entities, so the unit
 * of work has nothing of theirs to write back; only the audit rows are inserted.
 */
@CommandHandler(PollAgentCommandsCommand)
export class PollAgentCommandsHandler implements ICommandHandler<PollAgentCommandsCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditRecorder,
    private readonly sealer: PayloadSealer,
    private readonly notifier: Notifier,
    private readonly counters: OperationalCounters,
    private readonly commandBus: CommandBus,
    private readonly eventBus: EventBus,
    private readonly heartbeats: HeartbeatCoalescer,
  ) {}

  async execute({ agentId, limit, waitSeconds, signal: clientGone }: PollAgentCommandsCommand): Promise<AgentCommandPoll> {
    this.counters.agentCommandPolled();
    const now = new Date();
    await this.heartbeats.beat(agentId, now); // a poll counts as a heartbeat
    const deadline = Date.now() + longPollMs(waitSeconds);
    // One controller per request ends whichever wait is pending when the poll returns or the client goes away.
    const stop = new AbortController();
    const onClientGone = () => stop.abort(POLL_ENDED);
    clientGone?.addEventListener('abort', onClientGone, { once: true });
    try {
      let notified = false;
      for (let first = true; ; first = false) {
        const remaining = deadline - Date.now();
        // Registered before the probe, so a command queued in between is not missed.
        const wake = remaining > 0 ? this.notifier.waitFor(channels.agentCommands(agentId), remaining, stop.signal) : undefined;
        if (stop.signal.aborted || this.notifier.closing.aborted) return new AgentCommandPoll([], []);
        // Woken by a queued command or a cancel: go straight to the claim (the delivery path, B2).
        const work = notified ? { overdue: false, claimable: true } : await this.probe(agentId, now);
        // Once per request: overdue commands become EXPIRED (the claim itself skips them, so a wait needs no second pass).
        if (first && work.overdue) await this.commandBus.execute(new ExpireCommandsCommand(now, agentId));
        const poll = work.claimable ? await this.claim(agentId, limit) : new AgentCommandPoll([], []);
        if (poll.commands.length || poll.cancelledCommandIds.length || !wake) return poll;
        notified = (await this.counters.pollWaiting(wake)) !== undefined;
      }
    } finally {
      clientGone?.removeEventListener('abort', onClientGone);
      stop.abort(POLL_ENDED);
    }
  }

  /**
   * What the agent has waiting, in one indexed read without a transaction: most polls find nothing and stop here. It
   * runs at once on the native handle (`nativeReadNow`): at 10,000 agents the ORM's way cost ~5% of the event loop.
   * Seeing an open transaction's uncommitted rows is harmless here: the claim and the expiry check again in their own
   * transactions, and a command committed later wakes the wait registered before this read.
   */
  private async probe(agentId: string, now: Date): Promise<{ overdue: boolean; claimable: boolean }> {
    const row = await nativeReadNow<{ overdue: number; pending: number; cancels: number }>(this.em, WORK_PROBE, agentId, now.getTime(), agentId, agentId);
    return { overdue: !!row?.overdue, claimable: !!row?.pending || !!row?.cancels };
  }

  /**
   * The delivery path (B2), as prepared statements inside its transaction (ADR 0011), run at once rather than queued
   * for the connection when no other transaction is open (`runNativeTransactionNow`).
   */
  private async claim(agentId: string, limit: number): Promise<AgentCommandPoll> {
    const now = new Date();
    const { claimed, cancelledIds } = await runNativeTransactionNow(this.em.fork(), (statements, tx) => {
      const candidates = statements
        .all<Record<string, unknown>>(CLAIMABLE, agentId, now.getTime(), limit)
        .map((row) => tx.map(Command, row as never));
      const claimed: CommandDto[] = [];
      for (const candidate of candidates) {
        const expiresAt = new Date(now.getTime() + candidate.runTimeoutSeconds * 1000);
        if (statements.run(START, now.getTime(), expiresAt.getTime(), now.getTime(), candidate.id) !== 1) continue;
        this.audit.record(tx, { actorType: 'AGENT', actorId: agentId, action: 'command.dispatched', targetType: 'Command', targetId: candidate.id, correlationId: candidate.correlationId }, now);
        const payload = unsealPayload(candidate.payload, candidate.sealedSecrets, this.sealer);
        claimed.push({ ...CommandDto.from(candidate, payload), status: 'RUNNING', startedAt: now.toISOString(), expiresAt: expiresAt.toISOString(), updatedAt: now.toISOString() });
      }
      const cancelledIds = statements.all<{ id: string }>(UNSIGNALLED_CANCELS, agentId, MAX_CANCEL_SIGNALS).map((row) => row.id);
      for (const id of cancelledIds) statements.run(MARK_CANCEL_SIGNALLED, now.getTime(), id);
      statements.insertPending(tx);
      return { claimed, cancelledIds };
    });
    if (claimed.length) this.counters.commandDispatched(claimed.length);
    for (const command of claimed) this.eventBus.publish(new CommandDispatchedEvent(command.id, agentId));
    return new AgentCommandPoll(claimed, cancelledIds);
  }
}
