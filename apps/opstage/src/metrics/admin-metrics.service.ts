import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { raw } from '@mikro-orm/core';
import { AuditEvent } from '../audit/audit-event.entity';
import { CapsuleService } from '../capsule-services/capsule-service.entity';
import { Command } from '../commands/command.entity';
import { User } from '../users/user.entity';
import { AdminMetricsDto, CommandErrorCountDto, DEFAULT_WORKSPACE } from './admin-metrics.dto';
import { summarizeDurations } from './command-durations';
import { InventoryCounts } from './inventory-counts';
import { OperationalCounters } from './operational-counters';

const DURATION_SAMPLE = 1000;
const TOP_ERRORS = 5;

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/**
 * The admin metrics snapshot (decision #13): state counts and command figures come from the live tables, poll and
 * oversize counts from the in-process counters. Nothing is derived from audit rows, which retention prunes.
 */
@Injectable()
export class AdminMetricsService {
  constructor(
    private readonly em: EntityManager,
    private readonly inventory: InventoryCounts,
    private readonly counters: OperationalCounters,
  ) {}

  async snapshot(now = new Date()): Promise<AdminMetricsDto> {
    const em = this.em.fork();
    const [inv, registrationTokens, users, auditEvents, capsuleServices] = await Promise.all([
      this.inventory.snapshot(em, now),
      this.inventory.registrationTokens(em),
      em.count(User, {}),
      em.count(AuditEvent, {}),
      em.count(CapsuleService, {}),
    ]);
    const [commandsDispatched, actionPrepareRequested, actionPrepareTimeouts, actionPrepareFailures] = await Promise.all([
      em.count(Command, { startedAt: { $ne: null } }),
      em.count(Command, { type: 'ACTION_PREPARE' }),
      em.count(Command, { errorCode: 'ACTION_PREPARE_TIMEOUT' }),
      em.count(Command, { type: 'ACTION_PREPARE', status: 'FAILED' }),
    ]);
    const live = this.counters.snapshot();
    return {
      workspace: { ...DEFAULT_WORKSPACE },
      totals: { users, agents: sum(inv.agents), capsuleServices, registrationTokens: sum(registrationTokens), commands: sum(inv.commands), auditEvents },
      byStatus: { agents: inv.agents, capsuleServices: inv.services, registrationTokens, commands: inv.commands },
      operational: {
        agentCommandPolls: live.agentCommandPolls,
        commandsDispatched,
        commandsCompleted: inv.commands.SUCCEEDED ?? 0,
        commandsFailed: inv.commands.FAILED ?? 0,
        actionPrepareRequested,
        actionPrepareTimeouts,
        actionPrepareFailures,
        oversizedCommandResultsRejected: live.oversizedCommandResultsRejected,
        staleOnlineAgents: inv.staleOnlineAgents,
      },
      commandDurations: summarizeDurations(await this.recentDurations(em)),
      topCommandErrors: await this.topErrors(em),
    };
  }

  private async recentDurations(em: EntityManager): Promise<number[]> {
    const rows = await em.find(
      Command,
      { startedAt: { $ne: null }, completedAt: { $ne: null } },
      { fields: ['id', 'startedAt', 'completedAt'], orderBy: { completedAt: 'desc', id: 'desc' }, limit: DURATION_SAMPLE, disableIdentityMap: true },
    );
    return rows.map((r) => Math.max(0, r.completedAt!.getTime() - r.startedAt!.getTime()));
  }

  private async topErrors(em: EntityManager): Promise<CommandErrorCountDto[]> {
    const rows = await em
      .createQueryBuilder(Command)
      .select(['errorCode', raw('count(*) as n')])
      .where({ status: 'FAILED', errorCode: { $ne: null } })
      .groupBy('errorCode')
      .orderBy([{ [raw('count(*)')]: 'desc' }, { errorCode: 'asc' }])
      .limit(TOP_ERRORS)
      .execute<Array<{ errorCode: string; n: number }>>('all');
    return rows.map((r) => ({ code: r.errorCode, count: Number(r.n) }));
  }
}
