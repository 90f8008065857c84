import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/sqlite';
import type { CommandStatus } from '../../../../../../libs/contracts/src';
import { AuditRecorder } from '../../../audit/audit-recorder';
import { OpstageConfig } from '../../../config/opstage-config';
import { ApiError } from '../../../http/api-error';
import { newId } from '../../../ids/new-id';
import { redact } from '../../../redaction/redact';
import { Command } from '../../command.entity';
import { CommandResult } from '../../command-result.entity';
import { OperationalCounters } from '../../../metrics/operational-counters';
import { EphemeralSecretStore } from '../../domain/ephemeral-secrets';
import { CommandResultDto } from '../../dto/command.dto';
import type { ReportCommandResultDto } from '../../dto/command-requests.dto';
import { CommandFinishedEvent } from '../../events/impl/command-finished.event';
import { ReportCommandResultCommand } from '../impl/report-command-result.command';

const OPEN: CommandStatus[] = ['PENDING', 'RUNNING'];

/** The size the original measures: UTF-8 bytes of `{message, data, error}` as JSON. */
export function resultSizeBytes(body: Pick<ReportCommandResultDto, 'message' | 'data' | 'error'>): number {
  return Buffer.byteLength(JSON.stringify({ message: body.message ?? null, data: body.data ?? {}, error: body.error ?? {} }), 'utf8');
}

/** `errorCode`/`errorMessage` of a failed result, as the original derives them. */
export function failureFields(body: ReportCommandResultDto): { errorCode: string | null; errorMessage: string | null } {
  if (body.success) return { errorCode: null, errorMessage: null };
  const code = body.error?.code;
  const message = typeof body.error?.message === 'string' ? body.error.message : typeof body.message === 'string' ? body.message : null;
  return { errorCode: typeof code === 'string' && code.length ? code.slice(0, 80) : 'ACTION_FAILED', errorMessage: message === null ? null : redact(message.slice(0, 500)) };
}

/** Stored result data: key-redacted, except a prepare's dynamic `action.inputSchema` (a schema describes fields, it holds no values). */
function storedData(command: Command, data: Record<string, unknown>): Record<string, unknown> {
  const action = data.action as Record<string, unknown> | undefined;
  if (command.type !== 'ACTION_PREPARE' || !action || typeof action !== 'object' || !action.inputSchema) return redact(data);
  const { inputSchema, ...restOfAction } = action;
  const { action: _action, ...rest } = data;
  return { ...redact(rest), action: { ...redact(restOfAction), inputSchema } };
}

@CommandHandler(ReportCommandResultCommand)
export class ReportCommandResultHandler implements ICommandHandler<ReportCommandResultCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditRecorder,
    private readonly config: OpstageConfig,
    private readonly counters: OperationalCounters,
    private readonly secrets: EphemeralSecretStore,
    private readonly eventBus: EventBus,
  ) {}

  async execute({ agentId, commandId, body, idempotencyKey }: ReportCommandResultCommand): Promise<CommandResultDto> {
    const size = resultSizeBytes(body);
    if (size > this.config.commandResultMaxBytes) {
      this.counters.oversizedCommandResultRejected();
      throw new ApiError('COMMAND_RESULT_TOO_LARGE', `Command result is ${size} bytes; the limit is ${this.config.commandResultMaxBytes}.`, { sizeBytes: size, maxBytes: this.config.commandResultMaxBytes });
    }
    let outcome: { result: CommandResult; status: CommandStatus | null; causationEventId: string | null };
    try {
      outcome = await this.em.fork().transactional((tx) => this.complete(tx, agentId, commandId, body, idempotencyKey));
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new ApiError('COMMAND_ALREADY_COMPLETED', 'A result was already reported for this command.');
      throw error;
    }
    const { result, status, causationEventId } = outcome;
    if (status) {
      const generatedKey = body.data?.generatedKey;
      if (typeof generatedKey === 'string' && generatedKey.length > 0) this.secrets.stash(commandId, generatedKey);
      if (status === 'SUCCEEDED') this.counters.commandCompleted();
      else this.counters.commandFailed();
      this.eventBus.publish(new CommandFinishedEvent(commandId, agentId, status, causationEventId));
    }
    return CommandResultDto.from(result);
  }

  /** `status` is null when an idempotent repeat returns the first result. */
  private async complete(tx: EntityManager, agentId: string, commandId: string, body: ReportCommandResultDto, idempotencyKey: string | undefined) {
    const command = await tx.findOne(Command, { id: commandId, agentId }, { disableIdentityMap: true });
    if (!command) throw new ApiError('COMMAND_NOT_FOUND', 'Command not found for this agent.');
    if (idempotencyKey) {
      const previous = await tx.findOne(CommandResult, { commandId, idempotencyKey });
      if (previous) return { result: previous, status: null, causationEventId: null };
    }
    if (!OPEN.includes(command.status)) throw terminalError(command.status);
    const now = new Date();
    const status: CommandStatus = body.success ? 'SUCCEEDED' : 'FAILED';
    const changed = await tx.nativeUpdate(
      Command,
      { id: commandId, agentId, status: { $in: OPEN } },
      { status, completedAt: now, updatedAt: now, sealedSecrets: null, ...failureFields(body) },
    );
    if (changed !== 1) {
      const current = await tx.findOne(Command, { id: commandId }, { disableIdentityMap: true });
      throw terminalError(current?.status ?? 'CANCELLED');
    }
    const result = tx.create(CommandResult, {
      id: newId('crs', now.getTime()),
      commandId,
      agentId,
      success: body.success,
      message: body.message === undefined ? null : redact(body.message),
      data: storedData(command, body.data ?? {}),
      error: redact(body.error ?? {}),
      idempotencyKey: idempotencyKey ?? null,
      reportedAt: now,
    });
    this.audit.record(tx, {
      actorType: 'AGENT',
      actorId: agentId,
      action: body.success ? 'command.completed' : 'command.failed',
      targetType: 'Command',
      targetId: commandId,
      result: body.success ? 'SUCCESS' : 'FAILURE',
      correlationId: command.correlationId,
    }, now);
    return { result, status, causationEventId: command.causationEventId };
  }
}

function terminalError(status: CommandStatus): ApiError {
  if (status === 'EXPIRED') return new ApiError('COMMAND_EXPIRED', 'Command expired before the result arrived; the result is ignored.');
  return new ApiError('COMMAND_ALREADY_COMPLETED', `Command is already ${status}.`, { status });
}
