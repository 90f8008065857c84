import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/sqlite';
import { AuditRecorder, SYSTEM_ACTOR } from '../../../audit/audit-recorder';
import { OpstageConfig } from '../../../config/opstage-config';
import { ApiError } from '../../../http/api-error';
import { newId } from '../../../ids/new-id';
import { channels, Notifier } from '../../../notifier/notifier';
import { Command } from '../../command.entity';
import { CommandResult } from '../../command-result.entity';
import { ActionDefinitionDto } from '../../../capsule-services/dto/capsule-service-detail.dto';
import { ActionCommandFactory } from '../../domain/action-command-factory';
import { assertAgentReady } from '../../domain/agent-readiness';
import { PrepareGate } from '../../domain/prepare-gate';
import { OperationalCounters } from '../../../metrics/operational-counters';
import { buildPreparedPanel } from '../../domain/prepare-merge';
import { CommandDto, CommandResultDto } from '../../dto/command.dto';
import type { PreparedActionDto } from '../../dto/prepared-action.dto';
import { CommandFinishedEvent } from '../../events/impl/command-finished.event';
import { CommandQueuedEvent } from '../../events/impl/command-queued.event';
import { PrepareActionCommand } from '../impl/prepare-action.command';

/** The sweep may expire an orphaned prepare (for example after a restart) a little after the waiter gave up. */
const EXPIRY_GRACE_SECONDS = 5;

/**
 * ACTION_PREPARE: inserts the command, then waits for its "finished" notification (no database polling) up to
 * OPSTAGE_PREPARE_TIMEOUT_SECONDS. The waiter is registered before the insert so a very fast agent cannot be missed.
 */
@CommandHandler(PrepareActionCommand)
export class PrepareActionHandler implements ICommandHandler<PrepareActionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly factory: ActionCommandFactory,
    private readonly audit: AuditRecorder,
    private readonly config: OpstageConfig,
    private readonly gate: PrepareGate,
    private readonly notifier: Notifier,
    private readonly eventBus: EventBus,
    private readonly counters: OperationalCounters,
  ) {}

  async execute({ userId, serviceId, actionName, signal }: PrepareActionCommand): Promise<PreparedActionDto> {
    const release = this.gate.acquire();
    const local = new AbortController();
    try {
      const now = new Date();
      const commandId = newId('cmd', now.getTime());
      const timeoutMs = this.config.prepareTimeoutSeconds * 1000;
      const finished = this.notifier.waitFor(channels.commandFinished(commandId), timeoutMs, signal ? AbortSignal.any([signal, local.signal]) : local.signal);
      const { command, catalogue } = await this.em.fork().transactional(async (tx) => {
        const target = await this.factory.loadTarget(tx, serviceId, actionName);
        assertAgentReady(target.agent, this.config.agentOfflineThresholdSeconds, now);
        const command = tx.create(Command, {
          id: commandId,
          agentId: target.service.agent.id,
          serviceId,
          type: 'ACTION_PREPARE',
          actionName: target.action.name,
          payload: {},
          createdByUserId: userId,
          runTimeoutSeconds: this.config.prepareTimeoutSeconds + EXPIRY_GRACE_SECONDS,
          createdAt: now,
          updatedAt: now,
          expiresAt: new Date(now.getTime() + timeoutMs + EXPIRY_GRACE_SECONDS * 1000),
        });
        this.audit.record(tx, { actorType: 'USER', actorId: userId, action: 'service.action.prepare_requested', targetType: 'CapsuleService', targetId: serviceId, metadata: { actionName, commandId } }, now);
        return { command, catalogue: ActionDefinitionDto.from(target.action) };
      });
      this.eventBus.publish(new CommandQueuedEvent(command.id, command.agentId, command.type));
      this.counters.actionPrepareRequested();
      await finished;
      return await this.outcome(command, catalogue);
    } finally {
      local.abort();
      release();
    }
  }

  private async outcome(queued: Command, catalogue: ActionDefinitionDto): Promise<PreparedActionDto> {
    const em = this.em.fork();
    let command = await em.findOneOrFail(Command, { id: queued.id });
    const details = () => ({ commandId: command.id, commandStatus: command.status, actionName: command.actionName, agentId: command.agentId, serviceId: command.serviceId });
    if (command.status === 'PENDING' || command.status === 'RUNNING') {
      if (await this.expireTimedOut(command)) {
        this.counters.actionPrepareTimedOut();
        throw new ApiError('ACTION_PREPARE_TIMEOUT', 'Action prepare timed out waiting for agent.', { ...details(), commandStatus: 'EXPIRED' });
      }
      command = await this.em.fork().findOneOrFail(Command, { id: queued.id });
    }
    const result = await em.findOne(CommandResult, { commandId: command.id });
    if (command.status !== 'SUCCEEDED' || !result?.success) {
      const message = result?.message ?? command.errorMessage ?? 'Action prepare failed.';
      throw new ApiError('ACTION_PREPARE_FAILED', message, details(), { agentCode: command.errorCode ?? undefined });
    }
    const panel = buildPreparedPanel(catalogue, result.data);
    return { ...panel, prepareCommand: { ...CommandDto.from(command), result: CommandResultDto.from(result) } };
  }

  /** true when this call moved the command to EXPIRED (false if the agent finished it at the last moment). */
  private async expireTimedOut({ id: commandId, agentId }: Command): Promise<boolean> {
    const now = new Date();
    const expired = await this.em.fork().transactional(async (tx) => {
      const changed = await tx.nativeUpdate(
        Command,
        { id: commandId, status: { $in: ['PENDING', 'RUNNING'] } },
        { status: 'EXPIRED', completedAt: now, updatedAt: now, errorCode: 'ACTION_PREPARE_TIMEOUT', errorMessage: 'Action prepare timed out waiting for agent.', sealedSecrets: null },
      );
      if (changed === 1) {
        this.audit.record(tx, { ...SYSTEM_ACTOR, action: 'system.command.expired', targetType: 'Workspace', metadata: { count: 1, commandId, reason: 'ACTION_PREPARE_TIMEOUT' } }, now);
      }
      return changed === 1;
    });
    if (expired) this.eventBus.publish(new CommandFinishedEvent(commandId, agentId, 'EXPIRED'));
    return expired;
  }
}
