import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { EntityName, FilterQuery, raw } from '@mikro-orm/core';
import type { ServiceStatus } from '../../../../libs/contracts/src';
import { AGENT_STATUSES, COMMAND_STATUSES, REGISTRATION_TOKEN_STATUSES, SERVICE_STATUSES } from '../../../../libs/contracts/src';
import { Agent } from '../agents/agent.entity';
import { CapsuleService } from '../capsule-services/capsule-service.entity';
import { effectiveServiceStatus } from '../capsule-services/effective-status';
import { Command } from '../commands/command.entity';
import { OpstageConfig } from '../config/opstage-config';
import { RegistrationToken } from '../registration-tokens/registration-token.entity';

export type StatusCounts = Record<string, number>;

export interface InventorySnapshot {
  agents: StatusCounts;
  services: StatusCounts;
  commands: StatusCounts;
  staleOnlineAgents: number;
}

/** A map with every known status present (0 when absent), plus any unexpected stored value. */
function zeroed(statuses: readonly string[]): StatusCounts {
  return Object.fromEntries(statuses.map((s) => [s, 0]));
}

/**
 * Counts by status straight from the live tables, shared by the dashboard, the admin metrics and /metrics. Services
 * are counted by EFFECTIVE status: grouped by (stored status, agent) in SQL, then the one effective-status rule is
 * applied per group with the agents loaded in one query.
 */
@Injectable()
export class InventoryCounts {
  constructor(private readonly config: OpstageConfig) {}

  async snapshot(em: EntityManager, now = new Date()): Promise<InventorySnapshot> {
    const threshold = this.config.agentOfflineThresholdSeconds;
    const agents = await em.find(Agent, {}, { fields: ['id', 'status', 'lastHeartbeatAt'], disableIdentityMap: true });
    const agentById = new Map(agents.map((a) => [a.id, a]));
    const agentCounts = zeroed(AGENT_STATUSES);
    let staleOnlineAgents = 0;
    for (const agent of agents) {
      agentCounts[agent.status] = (agentCounts[agent.status] ?? 0) + 1;
      if (agent.status === 'ONLINE' && (!agent.lastHeartbeatAt || now.getTime() - agent.lastHeartbeatAt.getTime() > threshold * 1000)) staleOnlineAgents++;
    }
    const serviceGroups = await em
      .createQueryBuilder(CapsuleService)
      .select(['status', 'agent', raw('count(*) as n')])
      .groupBy(['status', 'agent'])
      .execute<Array<{ status: ServiceStatus; agent: string; n: number }>>('all');
    const services = zeroed(SERVICE_STATUSES);
    for (const group of serviceGroups) {
      const effective = effectiveServiceStatus(group.status, agentById.get(group.agent), threshold, now);
      services[effective] = (services[effective] ?? 0) + Number(group.n);
    }
    return { agents: agentCounts, services, commands: await this.countBy(em, Command, 'status', {}, COMMAND_STATUSES), staleOnlineAgents };
  }

  registrationTokens(em: EntityManager): Promise<StatusCounts> {
    return this.countBy(em, RegistrationToken, 'status', {}, REGISTRATION_TOKEN_STATUSES);
  }

  /** `select field, count(*) … group by field` as a map, with `known` values present at 0. */
  async countBy<T extends object>(em: EntityManager, entity: EntityName<T>, field: string, where: FilterQuery<T>, known: readonly string[] = []): Promise<StatusCounts> {
    const rows = await em
      .createQueryBuilder(entity)
      .select([field as never, raw('count(*) as n')])
      .where(where as never)
      .groupBy(field as never)
      .execute<Array<Record<string, unknown>>>('all');
    const out = zeroed(known);
    for (const row of rows) out[String(row[field])] = Number(row.n);
    return out;
  }
}

