import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { AuditActor, AuditRecorder, SYSTEM_ACTOR } from '../../audit/audit-recorder';
import { Command } from '../../commands/command.entity';
import { ActionCommandFactory } from '../../commands/domain/action-command-factory';
import { sealPayload } from '../../commands/domain/payload-secrets';
import { PayloadSealer } from '../../crypto/payload-sealer';
import { newId } from '../../ids/new-id';
import { redact } from '../../redaction/redact';
import { BusDispatch } from '../bus-dispatch.entity';
import type { BusEvent, RoutedCommandOutcome } from '../bus-event.entity';
import type { BusRoute } from '../bus-route.entity';
import type { EventView } from './input-mapping';
import { ormTargetReads, RouteTargetReads } from './bus-reads';
import { RoutePlanner } from './route-planner';

/** The raw payload and metadata kept (sealed) with an event while a dispatch of it is dead-lettered. */
export interface RawEventParts {
  payload: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface DispatchOutcome {
  dispatch: BusDispatch;
  command: Command | null;
}

/**
 * Carries out one matched route for one event inside the caller's transaction: the dispatch row, the command (unless
 * a dry run or a failure), and their audit rows. A failed, non-dry-run dispatch is a dead letter; the event keeps its
 * raw payload sealed so a replay can map it again.
 */
@Injectable()
export class BusDispatcher {
  constructor(
    private readonly planner: RoutePlanner,
    private readonly factory: ActionCommandFactory,
    private readonly audit: AuditRecorder,
    private readonly sealer: PayloadSealer,
  ) {}

  async dispatch(tx: EntityManager, reads: RouteTargetReads, event: BusEvent, view: EventView, route: BusRoute, now: Date): Promise<DispatchOutcome> {
    const dryRun = route.status === 'DRY_RUN' || event.dryRun;
    const correlationId = event.correlationId;
    this.audit.record(tx, { ...SYSTEM_ACTOR, action: 'bus.route.matched', targetType: 'BusRoute', targetId: route.id, metadata: { eventId: event.id, dryRun }, correlationId }, now);
    const dispatch = tx.create(BusDispatch, {
      id: newId('bdp', now.getTime()),
      eventId: event.id,
      routeId: route.id,
      routeName: route.name,
      targetServiceCode: route.targetServiceCode,
      actionName: route.actionName,
      dryRun,
      status: 'DRY_RUN',
      payload: null,
      createdAt: now,
      updatedAt: now,
    });
    const command = await this.attempt(tx, reads, event, view, route, dispatch, SYSTEM_ACTOR, now);
    return { dispatch, command };
  }

  /** A dead letter dispatched again with the route as it is now; the dispatch becomes REPLAYED or stays FAILED. */
  async replay(tx: EntityManager, event: BusEvent, view: EventView, route: BusRoute, dispatch: BusDispatch, actor: AuditActor, now: Date): Promise<Command | null> {
    dispatch.attempts += 1;
    dispatch.updatedAt = now;
    const command = await this.attempt(tx, ormTargetReads(tx), event, view, route, dispatch, actor, now);
    if (command) {
      dispatch.status = 'REPLAYED';
      dispatch.replayedAt = now;
    }
    this.audit.record(
      tx,
      {
        ...actor,
        action: 'bus.dispatch.replayed',
        targetType: 'BusDispatch',
        targetId: dispatch.id,
        result: command ? 'SUCCESS' : 'FAILURE',
        metadata: { eventId: event.id, routeId: route.id, attempts: dispatch.attempts, ...(command ? { commandId: command.id } : { errorCode: dispatch.errorCode }) },
        correlationId: event.correlationId,
      },
      now,
    );
    return command;
  }

  private async attempt(tx: EntityManager, reads: RouteTargetReads, event: BusEvent, view: EventView, route: BusRoute, dispatch: BusDispatch, actor: AuditActor, now: Date): Promise<Command | null> {
    const correlationId = event.correlationId;
    const plan = await this.planner.plan(reads, route, view);
    if (!plan.ok) {
      Object.assign(dispatch, { status: 'FAILED', errorCode: plan.failure.code, errorMessage: plan.failure.message, issues: plan.failure.issues ?? null, payload: plan.payload ? redact(plan.payload) : null });
      if (!dispatch.dryRun) event.sealedPayload ??= this.sealer.seal({ payload: view.payload, metadata: view.metadata } satisfies RawEventParts);
      this.audit.record(
        tx,
        { ...SYSTEM_ACTOR, action: 'bus.route.failed', targetType: 'BusRoute', targetId: route.id, result: 'FAILURE', metadata: { eventId: event.id, dispatchId: dispatch.id, dryRun: dispatch.dryRun, reason: plan.failure.code, message: plan.failure.message }, correlationId },
        now,
      );
      return null;
    }
    if (dispatch.dryRun) {
      Object.assign(dispatch, { status: 'DRY_RUN', payload: sealPayload(plan.payload, plan.target.action.inputSchema, this.sealer).payload, errorCode: null, errorMessage: null, issues: null });
      return null;
    }
    const command = this.factory.createExecute(tx, plan.target, plan.payload, {
      createdByUserId: null,
      causation: { eventId: event.id, depth: event.depth, correlationId },
      now,
    });
    Object.assign(dispatch, { status: 'CREATED', commandId: command.id, payload: command.payload, errorCode: null, errorMessage: null, issues: null });
    this.audit.record(
      tx,
      { ...(actor.actorType === 'USER' ? actor : SYSTEM_ACTOR), action: 'bus.command.created', targetType: 'Command', targetId: command.id, metadata: { eventId: event.id, routeId: route.id, dispatchId: dispatch.id, targetServiceCode: route.targetServiceCode, actionName: route.actionName }, correlationId },
      now,
    );
    return command;
  }
}

/** The answer entry for one dispatch. */
export function routedCommand(dispatch: BusDispatch): RoutedCommandOutcome {
  return {
    routeId: dispatch.routeId,
    dispatchId: dispatch.id,
    dryRun: dispatch.dryRun,
    targetServiceCode: dispatch.targetServiceCode,
    actionName: dispatch.actionName,
    status: dispatch.status,
    ...(dispatch.commandId ? { commandId: dispatch.commandId } : {}),
    ...(dispatch.errorCode ? { errorCode: dispatch.errorCode, errorMessage: dispatch.errorMessage ?? '' } : {}),
  };
}
