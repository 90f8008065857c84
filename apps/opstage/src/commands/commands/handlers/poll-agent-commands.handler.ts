import { CommandBus, CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/sqlite';
import { HeartbeatCoalescer } from '../../../agents/heartbeat-coalescer';
import { AuditRecorder } from '../../../audit/audit-recorder';
import { PayloadSealer } from '../../../crypto/payload-sealer';
import { channels, Notifier } from '../../../notifier/notifier';
import { Command } from '../../command.entity';
import { OperationalCounters } from '../../../metrics/operational-counters';
import { unsealPayload } from '../../domain/payload-secrets';
import { AgentCommandPoll, CommandDto } from '../../dto/command.dto';
import { CommandDispatchedEvent } from '../../events/impl/command-dispatched.event';
import { ExpireCommandsCommand } from '../impl/expire-commands.command';
import { PollAgentCommandsCommand } from '../impl/poll-agent-commands.command';

const MAX_CANCEL_SIGNALS = 100;

/**
 * The agent poll. Counts as a heartbeat (HeartbeatCoalescer.beat), expires overdue commands once (they are never delivered), claims PENDING
 * commands oldest first with a conditional update each, and hands out cancels of RUNNING commands once. With
 * `waitSeconds` it waits on the agent's notification channel (registered before each claim, so a command queued in
 * between is not missed) until something arrives, the deadline passes or the client disconnects.
 *
 * Rows that a transaction changes with a conditional `nativeUpdate` are read with `disableIdentityMap`, so the unit
 * of work cannot flush their stale loaded state back over the update at commit.
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
    const signal = clientGone ? AbortSignal.any([clientGone, this.notifier.closing]) : this.notifier.closing;
    this.counters.agentCommandPolled();
    const now = new Date();
    await this.heartbeats.beat(agentId, now); // a poll counts as a heartbeat
    // Once per request: overdue commands become EXPIRED (the claim itself skips them, so a wait needs no second pass).
    await this.commandBus.execute(new ExpireCommandsCommand(now, agentId));
    const deadline = Date.now() + waitSeconds * 1000;
    for (;;) {
      const local = new AbortController();
      const remaining = deadline - Date.now();
      const wake = remaining > 0 ? this.notifier.waitFor(channels.agentCommands(agentId), remaining, AbortSignal.any([signal, local.signal])) : undefined;
      try {
        if (signal.aborted) return new AgentCommandPoll([], []);
        const poll = await this.claim(agentId, limit);
        if (poll.commands.length || poll.cancelledCommandIds.length || !wake) return poll;
        await wake;
      } finally {
        local.abort();
      }
    }
  }

  private async claim(agentId: string, limit: number): Promise<AgentCommandPoll> {
    const now = new Date();
    const { claimed, cancelledIds } = await this.em.fork().transactional(async (tx) => {
      const candidates = await tx.find(
        Command,
        { agentId, status: 'PENDING', $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] },
        { orderBy: { createdAt: 'asc', id: 'asc' }, limit, disableIdentityMap: true },
      );
      const claimed: CommandDto[] = [];
      for (const candidate of candidates) {
        const expiresAt = new Date(now.getTime() + candidate.runTimeoutSeconds * 1000);
        const won = await tx.nativeUpdate(Command, { id: candidate.id, status: 'PENDING' }, { status: 'RUNNING', startedAt: now, expiresAt, updatedAt: now });
        if (won !== 1) continue;
        this.audit.record(tx, { actorType: 'AGENT', actorId: agentId, action: 'command.dispatched', targetType: 'Command', targetId: candidate.id, correlationId: candidate.correlationId }, now);
        const payload = unsealPayload(candidate.payload, candidate.sealedSecrets, this.sealer);
        claimed.push({ ...CommandDto.from(candidate, payload), status: 'RUNNING', startedAt: now.toISOString(), expiresAt: expiresAt.toISOString(), updatedAt: now.toISOString() });
      }
      const cancels = await tx.find(
        Command,
        { agentId, status: 'CANCELLED', startedAt: { $ne: null }, cancelSignalledAt: null },
        { fields: ['id'], limit: MAX_CANCEL_SIGNALS, orderBy: { completedAt: 'asc' }, disableIdentityMap: true },
      );
      const cancelledIds = cancels.map((c) => c.id);
      if (cancelledIds.length) await tx.nativeUpdate(Command, { id: { $in: cancelledIds }, cancelSignalledAt: null }, { cancelSignalledAt: now });
      return { claimed, cancelledIds };
    });
    if (claimed.length) this.counters.commandDispatched(claimed.length);
    for (const command of claimed) this.eventBus.publish(new CommandDispatchedEvent(command.id, agentId));
    return new AgentCommandPoll(claimed, cancelledIds);
  }
}
