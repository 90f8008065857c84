import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditEventDto } from '../audit/audit-event.dto';
import { Command } from '../commands/command.entity';
import { DEFAULT_WORKSPACE } from '../metrics/admin-metrics.dto';
import { InventoryCounts } from '../metrics/inventory-counts';
import { CommandDto } from '../commands/dto/command.dto';
import { DashboardSummaryDto } from './dashboard.dto';

const RECENT = 10;

@Injectable()
export class DashboardService {
  constructor(
    private readonly em: EntityManager,
    private readonly inventory: InventoryCounts,
  ) {}

  async summary(now = new Date()): Promise<DashboardSummaryDto> {
    const em = this.em.fork();
    const [inv, auditEventCount, commands, events] = await Promise.all([
      this.inventory.snapshot(em, now),
      em.count(AuditEvent, {}),
      em.find(Command, {}, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: RECENT }),
      em.find(AuditEvent, {}, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: RECENT }),
    ]);
    return {
      workspace: { ...DEFAULT_WORKSPACE },
      agentCounts: inv.agents,
      serviceCounts: inv.services,
      commandCounts: inv.commands,
      auditEventCount,
      recentCommands: commands.map((command) => CommandDto.from(command)),
      recentAuditEvents: events.map(AuditEventDto.from),
    };
  }
}
