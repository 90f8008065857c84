import { Injectable } from '@nestjs/common';
import type { ErrorCode } from '../../../../../libs/contracts/src';
import { OpstageConfig } from '../../config/opstage-config';
import { ActionPayloadValidator } from '../../commands/domain/action-payload-validator';
import type { ActionDefinition } from '../../capsule-services/action-definition.entity';
import type { CapsuleService } from '../../capsule-services/capsule-service.entity';
import { type ActionTarget, needsConfirmation } from '../../commands/domain/action-command-factory';
import { assertAgentReady } from '../../commands/domain/agent-readiness';
import { ApiError, ValidationIssue } from '../../http/api-error';
import type { BusRoute } from '../bus-route.entity';
import type { RouteTargetReads } from './bus-reads';
import { eventTypeMatches } from './event-type-pattern';
import { EventView, resolveMapping } from './input-mapping';

export interface RouteFailure {
  code: ErrorCode;
  message: string;
  issues?: ValidationIssue[];
}

/** What a matched route would do with an event: the target and mapped payload, or why it cannot dispatch. */
export type RoutePlan = { ok: true; target: ActionTarget; payload: Record<string, unknown> } | { ok: false; failure: RouteFailure; payload?: Record<string, unknown> };

/** A route's target resolved, or the route field that names something the bus cannot dispatch to. */
export type RouteTarget =
  | { ok: true; service: CapsuleService; action: ActionDefinition }
  | { ok: false; field: 'targetServiceCode' | 'actionName'; code: ErrorCode; message: string };

/** Why a route does not apply to an event, or null when it matches. */
export type MatchVerdict = null | string;

/**
 * The routing rules shared by ingest, replay and the route test: which routes match an event, and what a matched
 * route would dispatch. The checks are the ones a console execute passes (target exists, action enabled, payload
 * valid, agent ready) plus the bus's own: a confirmation-required or HIGH-danger action is never dispatched.
 */
@Injectable()
export class RoutePlanner {
  constructor(
    private readonly config: OpstageConfig,
    private readonly validator: ActionPayloadValidator,
  ) {}

  /** The candidates that match the event, in their order. */
  matching(candidates: BusRoute[], event: Pick<EventView, 'eventType' | 'sourceServiceCode' | 'payload'>): BusRoute[] {
    return candidates.filter((route) => this.verdict(route, event) === null);
  }

  /** Null when the route matches the event (its status aside), otherwise the reason it does not. */
  verdict(route: BusRoute, event: Pick<EventView, 'eventType' | 'sourceServiceCode' | 'payload'>): MatchVerdict {
    if (!eventTypeMatches(route.eventType, event.eventType)) return `event type "${event.eventType}" does not match "${route.eventType}"`;
    if (route.sourceServiceCode && route.sourceServiceCode !== event.sourceServiceCode) return `source "${event.sourceServiceCode}" is not "${route.sourceServiceCode}"`;
    if (route.condition) {
      const issues = this.validator.validate(route.condition, event.payload);
      if (issues.length) return `condition not met: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`;
    }
    return null;
  }

  /**
   * The service and action a route names, if the bus may dispatch to them: the service exists, the action is declared
   * and enabled, and it needs no confirmation. Otherwise why not, and which route field is at fault. Checked when a
   * route is saved and again for every event.
   */
  async target(reads: RouteTargetReads, serviceCode: string, actionName: string): Promise<RouteTarget> {
    const service = await reads.serviceByCode(serviceCode);
    if (!service) return { ok: false, field: 'targetServiceCode', code: 'BUS_TARGET_NOT_FOUND', message: `Target service "${serviceCode}" does not exist.` };
    const action = await reads.enabledAction(service.id, actionName);
    if (!action) return { ok: false, field: 'actionName', code: 'BUS_TARGET_NOT_FOUND', message: `Service "${service.code}" declares no enabled action "${actionName}".` };
    if (needsConfirmation(action)) {
      return { ok: false, field: 'actionName', code: 'BUS_TARGET_REQUIRES_CONFIRMATION', message: `Action "${action.name}" needs an operator's confirmation; the bus never dispatches it.` };
    }
    return { ok: true, service, action };
  }

  async plan(reads: RouteTargetReads, route: BusRoute, event: EventView): Promise<RoutePlan> {
    const fail = (code: ErrorCode, message: string, extra: { issues?: ValidationIssue[]; payload?: Record<string, unknown> } = {}): RoutePlan => ({
      ok: false,
      failure: { code, message, ...(extra.issues ? { issues: extra.issues } : {}) },
      ...(extra.payload ? { payload: extra.payload } : {}),
    });
    const target = await this.target(reads, route.targetServiceCode, route.actionName);
    if (!target.ok) return fail(target.code, target.message);
    const { service, action } = target;
    const payload = resolveMapping(route.inputMapping, event);
    const issues = this.validator.validate(action.inputSchema, payload);
    if (issues.length) return fail('BUS_MAPPING_INVALID', `The mapped payload does not satisfy the input schema of "${action.name}".`, { issues, payload });
    const agent = await reads.agent(service.agent.id);
    try {
      assertAgentReady(agent, this.config.agentOfflineThresholdSeconds);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return fail('BUS_TARGET_UNAVAILABLE', `${error.code}: ${error.message}`, { payload });
    }
    return { ok: true, target: { service, action, agent }, payload };
  }
}
