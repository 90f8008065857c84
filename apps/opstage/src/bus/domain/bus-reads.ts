import { EntityManager } from '@mikro-orm/sqlite';
import { Agent } from '../../agents/agent.entity';
import { ActionDefinition } from '../../capsule-services/action-definition.entity';
import { CapsuleService } from '../../capsule-services/capsule-service.entity';
import type { NativeStatements } from '../../database/native-transaction';
import { BusEvent } from '../bus-event.entity';
import { BusRoute } from '../bus-route.entity';

/** Where the route planner reads a route's target. */
export interface RouteTargetReads {
  serviceByCode(code: string): Promise<CapsuleService | null>;
  enabledAction(serviceId: string, name: string): Promise<ActionDefinition | null>;
  agent(id: string): Promise<Agent | null>;
}

/** Target reads through the ORM: the route test and the replay, which are not hot paths. */
export function ormTargetReads(em: EntityManager): RouteTargetReads {
  return {
    serviceByCode: (code) => em.findOne(CapsuleService, { code }),
    enabledAction: (serviceId, name) => em.findOne(ActionDefinition, { service: serviceId, name, enabled: true }),
    agent: (id) => em.findOne(Agent, { id }),
  };
}

/**
 * Everything the ingest reads, as prepared statements inside its transaction (ADR 0011): the rows become managed
 * entities of `tx` through `em.map`, so the domain code sees the same entities as anywhere else, without the ORM
 * building and preparing each query's SQL anew.
 */
export class IngestReads implements RouteTargetReads {
  constructor(
    private readonly statements: NativeStatements,
    private readonly tx: EntityManager,
  ) {}

  /** The event an agent already published under its own `eventId`. */
  eventByClientId(agentId: string, clientEventId: string): BusEvent | null {
    return this.one(BusEvent, 'select * from bus_events where agent_id = ? and client_event_id = ?', agentId, clientEventId);
  }

  /** Depth and correlation of a stored event (the causation chain). */
  chainLink(eventId: string): { depth: number; correlationId: string } | null {
    const row = this.statements.get<{ depth: number; correlation_id: string }>('select depth, correlation_id from bus_events where id = ?', eventId);
    return row ? { depth: row.depth, correlationId: row.correlation_id } : null;
  }

  eventsSince(agentId: string, since: Date): number {
    return this.statements.get<{ n: number }>('select count(*) as n from bus_events where agent_id = ? and accepted_at > ?', agentId, since.getTime())?.n ?? 0;
  }

  /** Routes that are not DISABLED and may match events of this source, oldest first (the planner decides the rest). */
  activeRoutes(sourceServiceCode: string): BusRoute[] {
    return this.statements
      .all<Record<string, unknown>>("select * from bus_routes where status in ('ENABLED', 'DRY_RUN') and (source_service_code is null or source_service_code = ?) order by created_at, id", sourceServiceCode)
      .map((row) => this.tx.map(BusRoute, row));
  }

  service(code: string): CapsuleService | null {
    return this.one(CapsuleService, 'select * from capsule_services where code = ?', code);
  }

  serviceByCode(code: string): Promise<CapsuleService | null> {
    return Promise.resolve(this.service(code));
  }

  enabledAction(serviceId: string, name: string): Promise<ActionDefinition | null> {
    return Promise.resolve(this.one(ActionDefinition, 'select * from action_definitions where service_id = ? and name = ? and enabled = 1', serviceId, name));
  }

  agent(id: string): Promise<Agent | null> {
    return Promise.resolve(this.one(Agent, 'select * from agents where id = ?', id));
  }

  private one<T extends object>(entity: new (...args: never[]) => T, sql: string, ...params: unknown[]): T | null {
    const row = this.statements.get<Record<string, unknown>>(sql, ...params);
    return row ? this.tx.map(entity, row as never) : null;
  }
}
