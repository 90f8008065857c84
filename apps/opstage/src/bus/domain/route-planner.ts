import { Injectable } from '@nestjs/common';
import type { ErrorCode } from '../../../../../libs/contracts/src';
import { OpstageConfig } from '../../config/opstage-config';
import { ActionPayloadValidator } from '../../commands/domain/action-payload-validator';
import type { ActionTarget } from '../../commands/domain/action-command-factory';
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

  async plan(reads: RouteTargetReads, route: BusRoute, event: EventView): Promise<RoutePlan> {
    const fail = (code: ErrorCode, message: string, extra: { issues?: ValidationIssue[]; payload?: Record<string, unknown> } = {}): RoutePlan => ({
      ok: false,
      failure: { code, message, ...(extra.issues ? { issues: extra.issues } : {}) },
      ...(extra.payload ? { payload: extra.payload } : {}),
    });
    const service = await reads.serviceByCode(route.targetServiceCode);
    if (!service) return fail('BUS_TARGET_NOT_FOUND', `Target service "${route.targetServiceCode}" does not exist.`);
    const action = await reads.enabledAction(service.id, route.actionName);
    if (!action) return fail('BUS_TARGET_NOT_FOUND', `Service "${service.code}" declares no enabled action "${route.actionName}".`);
    if (action.requiresConfirmation || action.dangerLevel === 'HIGH') {
      return fail('BUS_TARGET_REQUIRES_CONFIRMATION', `Action "${action.name}" needs an operator's confirmation; the bus never dispatches it.`);
    }
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
