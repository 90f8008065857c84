import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { Subject } from 'rxjs';
import { AuditRecorder } from '../audit/audit-recorder';
import { OpstageConfig } from '../config/opstage-config';
import { newId } from '../ids/new-id';
import { channels, Notifier } from '../notifier/notifier';
import { MAINTENANCE_SETTING_KEYS, MaintenanceSettingsDto, UpdateMaintenanceSettingsDto } from './maintenance-settings.dto';
import { SystemSetting } from './system-setting.entity';

export const MAINTENANCE_SETTINGS_KEY = 'maintenance';
const MAINTENANCE_SETTINGS_ID = 'set_maintenance';

/**
 * Effective maintenance settings: env defaults, overridden by the `maintenance` row of `system_settings`. A stored
 * value that is not a valid number for its field is ignored (the default applies), so a bad row never breaks the sweep.
 */
@Injectable()
export class MaintenanceSettingsService {
  /** Emits the new effective settings after every successful update (the scheduler re-arms on it). */
  readonly changes = new Subject<MaintenanceSettingsDto>();

  constructor(
    private readonly em: EntityManager,
    private readonly config: OpstageConfig,
    private readonly audit: AuditRecorder,
    private readonly notifier: Notifier,
  ) {}

  defaults(): MaintenanceSettingsDto {
    const c = this.config;
    return {
      agentOfflineThresholdSeconds: c.agentOfflineThresholdSeconds,
      auditRetentionDays: c.auditRetentionDays,
      maintenanceIntervalSeconds: c.maintenanceIntervalSeconds,
      healthRetentionDays: c.healthRetentionDays,
      commandRetentionDays: c.commandRetentionDays,
      backupRetentionCount: c.backupRetentionCount,
    };
  }

  async effective(em: EntityManager = this.em.fork()): Promise<MaintenanceSettingsDto> {
    const row = await em.findOne(SystemSetting, { key: MAINTENANCE_SETTINGS_KEY });
    return mergeSettings(this.defaults(), row?.value);
  }

  async update(actorId: string, patch: UpdateMaintenanceSettingsDto): Promise<MaintenanceSettingsDto> {
    const after = await this.em.fork().transactional(async (tx) => {
      const row = await tx.findOne(SystemSetting, { key: MAINTENANCE_SETTINGS_KEY });
      const before = mergeSettings(this.defaults(), row?.value);
      const next: MaintenanceSettingsDto = { ...before };
      for (const key of MAINTENANCE_SETTING_KEYS) if (patch[key] !== undefined) next[key] = patch[key];
      if (row) row.value = { ...next };
      else tx.create(SystemSetting, { id: MAINTENANCE_SETTINGS_ID, key: MAINTENANCE_SETTINGS_KEY, value: { ...next } });
      this.audit.record(tx, { actorType: 'USER', actorId, action: 'settings.maintenance.updated', targetType: 'Workspace', targetId: 'wks_default', metadata: { before, after: next } });
      return next;
    });
    this.changes.next(after);
    this.notifier.notify(channels.adminStream, { type: 'settings', key: MAINTENANCE_SETTINGS_KEY });
    return after;
  }
}

export function mergeSettings(defaults: MaintenanceSettingsDto, stored: unknown): MaintenanceSettingsDto {
  const out = { ...defaults };
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return out;
  for (const key of MAINTENANCE_SETTING_KEYS) {
    const value = (stored as Record<string, unknown>)[key];
    const min = key === 'agentOfflineThresholdSeconds' ? 1 : 0;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min) out[key] = value;
  }
  return out;
}
