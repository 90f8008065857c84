import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { Agent } from '../agents/agent.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditActor, AuditRecorder, SYSTEM_ACTOR } from '../audit/audit-recorder';
import { Session } from '../auth/session.entity';
import { BackupStore } from '../backup/backup-store';
import { CapsuleService } from '../capsule-services/capsule-service.entity';
import { HealthReport } from '../capsule-services/health-report.entity';
import { Command } from '../commands/command.entity';
import { CommandMaintenance } from '../commands/command-maintenance';
import { CommandResult } from '../commands/command-result.entity';
import { OpstageConfig } from '../config/opstage-config';
import { RegistrationToken } from '../registration-tokens/registration-token.entity';
import { channels, Notifier } from '../notifier/notifier';
import { MaintenanceSettingsDto } from '../settings/maintenance-settings.dto';
import { MaintenanceSettingsService } from '../settings/maintenance-settings.service';
import { TERMINAL_COMMAND_STATUSES } from '../../../../libs/contracts/src';
import { MaintenanceCounts, MaintenanceResultDto } from './maintenance-result.dto';

const DAY_MS = 86_400_000;
const CHUNK = 500;
const WORKSPACE = { targetType: 'Workspace', targetId: 'wks_default' } as const;

/**
 * One maintenance sweep. Every step is a conditional bulk statement in its own transaction together with its audit
 * row, so a failure in one step leaves the earlier ones committed and never half-applies a step. Runs are serialised
 * in this process (the scheduler and the endpoint can overlap).
 */
@Injectable()
export class MaintenanceService {
  private readonly logger = new Logger(MaintenanceService.name);
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly em: EntityManager,
    private readonly config: OpstageConfig,
    private readonly settings: MaintenanceSettingsService,
    private readonly audit: AuditRecorder,
    private readonly backups: BackupStore,
    private readonly notifier: Notifier,
    private readonly commands: CommandMaintenance,
  ) {}

  /** `triggeredBy`: the user who asked for the run (audited as `maintenance.triggered`); absent for the scheduler. */
  run(triggeredBy?: AuditActor, now = new Date()): Promise<MaintenanceResultDto> {
    const next = this.queue.then(() => this.sweep(triggeredBy, now));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves when no run is in progress (used on shutdown). */
  idle(): Promise<unknown> {
    return this.queue;
  }

  private async sweep(triggeredBy: AuditActor | undefined, now: Date): Promise<MaintenanceResultDto> {
    const settings = await this.settings.effective();
    const counts: MaintenanceCounts = {
      expiredRegistrationTokens: await this.expireRegistrationTokens(now),
      expiredCommands: await this.commands.expireOverdue(now),
      offlineAgents: await this.markAgentsOffline(settings, now),
      offlineServices: await this.markServicesStale(now),
      deletedAuditEvents: await this.deleteOlderThan(AuditEvent, 'createdAt', settings.auditRetentionDays, now),
      deletedHealthReports: await this.deleteOlderThan(HealthReport, 'reportedAt', settings.healthRetentionDays, now),
      deletedCommands: await this.deleteFinishedCommands(settings.commandRetentionDays, now),
      deletedBackups: await this.backups.prune(settings.backupRetentionCount),
      deletedSessions: await this.deleteEndedSessions(now),
    };
    const result: MaintenanceResultDto = { ...counts, ranAt: now.toISOString() };
    const changed = Object.values(counts).some((n) => n > 0);
    if (changed || triggeredBy) {
      await this.em.fork().transactional(async (tx) => {
        if (changed) this.audit.record(tx, { ...SYSTEM_ACTOR, action: 'maintenance.run', ...WORKSPACE, metadata: { ...counts } }, now);
        if (triggeredBy) this.audit.record(tx, { ...triggeredBy, action: 'maintenance.triggered', ...WORKSPACE, metadata: { ...result } }, now);
      });
    }
    if (changed) {
      this.notifier.notify(channels.adminStream, { type: 'maintenance', ...counts });
      this.logger.log(`Maintenance: ${JSON.stringify(counts)}`);
    }
    return result;
  }

  private expireRegistrationTokens(now: Date): Promise<number> {
    return this.em.fork().transactional((tx) => tx.nativeUpdate(RegistrationToken, { status: 'ACTIVE', expiresAt: { $lt: now } }, { status: 'EXPIRED', updatedAt: now }));
  }

  private markAgentsOffline(settings: MaintenanceSettingsDto, now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - settings.agentOfflineThresholdSeconds * 1000);
    return this.em.fork().transactional(async (tx) => {
      const count = await tx.nativeUpdate(Agent, { status: 'ONLINE', lastHeartbeatAt: { $lt: cutoff } }, { status: 'OFFLINE', updatedAt: now });
      if (count) this.audit.record(tx, { ...SYSTEM_ACTOR, action: 'system.agent.offline', ...WORKSPACE, metadata: { count } }, now);
      return count;
    });
  }

  private markServicesStale(now: Date): Promise<number> {
    return this.em.fork().transactional(async (tx) => {
      const offlineAgents = tx.createQueryBuilder(Agent).select('id').where({ status: 'OFFLINE' });
      const outcome = await tx
        .createQueryBuilder(CapsuleService)
        .update({ status: 'STALE', healthStatus: 'UNKNOWN', updatedAt: now })
        .where({ agent: { $in: offlineAgents }, status: { $nin: ['OFFLINE', 'STALE'] } } as never)
        .execute('run');
      const count = (outcome as { affectedRows?: number }).affectedRows ?? 0;
      if (count) this.audit.record(tx, { ...SYSTEM_ACTOR, action: 'system.service.stale', ...WORKSPACE, metadata: { count } }, now);
      return count;
    });
  }

  private async deleteOlderThan(entity: typeof AuditEvent | typeof HealthReport, field: 'createdAt' | 'reportedAt', days: number, now: Date): Promise<number> {
    if (days <= 0) return 0;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    return this.em.fork().transactional((tx) => tx.nativeDelete(entity as typeof AuditEvent, { [field]: { $lt: cutoff } } as never));
  }

  /** Finished commands whose end (or creation) is older than the retention, with their results, in chunks. */
  private async deleteFinishedCommands(days: number, now: Date): Promise<number> {
    if (days <= 0) return 0;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    const where = { status: { $in: [...TERMINAL_COMMAND_STATUSES] }, $or: [{ completedAt: { $lt: cutoff } }, { completedAt: null, createdAt: { $lt: cutoff } }] };
    let deleted = 0;
    for (;;) {
      const n = await this.em.fork().transactional(async (tx) => {
        const ids = (await tx.find(Command, where, { fields: ['id'], limit: CHUNK, disableIdentityMap: true })).map((c) => c.id);
        if (!ids.length) return 0;
        await tx.nativeDelete(CommandResult, { commandId: { $in: ids } });
        return tx.nativeDelete(Command, { id: { $in: ids } });
      });
      deleted += n;
      if (n < CHUNK) return deleted;
    }
  }

  /** Sessions that ended (expired, idle past the timeout, or revoked) more than a day ago. */
  private deleteEndedSessions(now: Date): Promise<number> {
    const dayAgo = new Date(now.getTime() - DAY_MS);
    const idleCutoff = new Date(dayAgo.getTime() - this.config.sessionIdleTimeoutSeconds * 1000);
    return this.em
      .fork()
      .transactional((tx) => tx.nativeDelete(Session, { $or: [{ expiresAt: { $lt: dayAgo } }, { revokedAt: { $lt: dayAgo } }, { lastSeenAt: { $lt: idleCutoff } }] }));
  }
}
