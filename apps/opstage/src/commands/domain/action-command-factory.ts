import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { Agent } from '../../agents/agent.entity';
import { ActionDefinition } from '../../capsule-services/action-definition.entity';
import { CapsuleService } from '../../capsule-services/capsule-service.entity';
import { OpstageConfig } from '../../config/opstage-config';
import { PayloadSealer } from '../../crypto/payload-sealer';
import { ApiError } from '../../http/api-error';
import { newId } from '../../ids/new-id';
import { Command } from '../command.entity';
import { ActionPayloadValidator } from './action-payload-validator';
import { assertAgentReady } from './agent-readiness';
import { canonicalJson, sealPayload } from './payload-secrets';

export interface ActionTarget {
  service: CapsuleService;
  action: ActionDefinition;
  agent: Agent | null;
}

/** Whether running the action takes an operator's explicit confirmation (so the bus never dispatches it). */
export function needsConfirmation(action: Pick<ActionDefinition, 'requiresConfirmation' | 'dangerLevel'>): boolean {
  return action.requiresConfirmation || action.dangerLevel === 'HIGH';
}

export interface NewExecuteOptions {
  createdByUserId: string | null;
  idempotencyKey?: string | null;
  retryOfCommandId?: string | null;
  /** Set by the bus: the causing event, its depth and the chain's correlation id. */
  causation?: { eventId: string; depth: number; correlationId: string };
  now?: Date;
}

/**
 * The rules every path that creates an ACTION_EXECUTE command goes through (execute, retry and the bus):
 * target lookup, confirmation, agent readiness, payload validation, secret sealing and the TTLs.
 */
@Injectable()
export class ActionCommandFactory {
  constructor(
    private readonly config: OpstageConfig,
    private readonly validator: ActionPayloadValidator,
    private readonly sealer: PayloadSealer,
  ) {}

  /** 404 CAPSULE_SERVICE_NOT_FOUND, then 404 ACTION_NOT_FOUND (enabled actions only). */
  async loadTarget(em: EntityManager, serviceId: string, actionName: string): Promise<ActionTarget> {
    const service = await em.findOne(CapsuleService, { id: serviceId });
    if (!service) throw new ApiError('CAPSULE_SERVICE_NOT_FOUND', 'Capsule service not found.');
    const action = await em.findOne(ActionDefinition, { service: serviceId, name: actionName, enabled: true });
    if (!action) throw new ApiError('ACTION_NOT_FOUND', `Action "${actionName}" is not declared by this service.`);
    const agent = await em.findOne(Agent, { id: service.agent.id });
    return { service, action, agent };
  }

  /** requiresConfirmation or HIGH danger needs `confirmation: true` (409 ACTION_REQUIRES_CONFIRMATION). */
  assertConfirmed(action: ActionDefinition, confirmation: boolean | undefined): void {
    if (needsConfirmation(action) && confirmation !== true) {
      throw new ApiError('ACTION_REQUIRES_CONFIRMATION', `Action "${action.name}" requires confirmation: send "confirmation": true.`, { actionName: action.name, dangerLevel: action.dangerLevel });
    }
  }

  /** The checks every new execute passes, in the contract's order: confirmation (409), agent readiness (409), payload (422). */
  assertExecutable(target: ActionTarget, payload: Record<string, unknown>, confirmation: boolean | undefined): void {
    this.assertConfirmed(target.action, confirmation);
    assertAgentReady(target.agent, this.config.agentOfflineThresholdSeconds);
    this.assertPayloadValid(target.action, payload);
  }

  /** 422 ACTION_PAYLOAD_INVALID with `details.issues`. */
  assertPayloadValid(action: ActionDefinition, payload: Record<string, unknown>): void {
    const issues = this.validator.validate(action.inputSchema, payload);
    if (issues.length) throw new ApiError('ACTION_PAYLOAD_INVALID', `Payload does not match the input schema of "${action.name}".`, { issues });
  }

  /** An idempotent repeat must carry the same payload as the first request (409 IDEMPOTENCY_KEY_REUSED otherwise). */
  assertSameRequest(previous: Command, action: ActionDefinition, payload: Record<string, unknown>): void {
    const incoming = sealPayload(payload, action.inputSchema, this.sealer);
    let same = canonicalJson(incoming.payload) === canonicalJson(previous.payload);
    if (same && previous.sealedSecrets) {
      const previousSecrets = this.sealer.open<Record<string, unknown>>(previous.sealedSecrets);
      same = previousSecrets !== undefined && canonicalJson(previousSecrets) === canonicalJson(incoming.secrets);
    }
    if (!same) throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different payload.', { commandId: previous.id });
  }

  /** Adds a PENDING ACTION_EXECUTE command to the unit of work (payload redacted, secrets sealed). */
  createExecute(em: EntityManager, target: ActionTarget, payload: Record<string, unknown>, options: NewExecuteOptions): Command {
    const now = options.now ?? new Date();
    const sealed = sealPayload(payload, target.action.inputSchema, this.sealer);
    return em.create(Command, {
      id: newId('cmd', now.getTime()),
      agentId: target.service.agent.id,
      serviceId: target.service.id,
      type: 'ACTION_EXECUTE',
      actionName: target.action.name,
      status: 'PENDING',
      payload: sealed.payload,
      sealedSecrets: sealed.sealedSecrets,
      createdByUserId: options.createdByUserId,
      idempotencyKey: options.idempotencyKey ?? null,
      retryOfCommandId: options.retryOfCommandId ?? null,
      causationEventId: options.causation?.eventId ?? null,
      causationDepth: options.causation?.depth ?? null,
      correlationId: options.causation?.correlationId ?? null,
      runTimeoutSeconds: target.action.timeoutSeconds ?? this.config.commandTtlSeconds,
      createdAt: now,
      updatedAt: now,
      expiresAt: new Date(now.getTime() + this.config.commandTtlSeconds * 1000),
    });
  }
}
