import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { Agent } from '../agents/agent.entity';
import { AuditRecorder } from '../audit/audit-recorder';
import { ApiError } from '../http/api-error';
import { newId } from '../ids/new-id';
import { redact } from '../redaction/redact';
import { ActionDefinition } from './action-definition.entity';
import { CapsuleService } from './capsule-service.entity';
import { ConfigItem } from './config-item.entity';
import { ActionInputDto, ConfigInputDto, HealthInputDto, ReportedServiceDto } from './dto/reported-service.dto';
import { storedStatusFor } from './effective-status';
import { HealthReport } from './health-report.entity';
import { manifestIssues, redactManifest } from './manifest-metadata';

function catalogueHash(service: ReportedServiceDto): string {
  const catalogue = [service.name, service.description ?? null, service.version ?? null, service.runtime ?? null, service.manifest ?? {}, service.configs ?? [], service.actions ?? []];
  return createHash('sha256').update(JSON.stringify(catalogue)).digest('hex');
}

/**
 * Applies what an agent reports about one service, inside the caller's transaction: upsert by code (a code owned by
 * another live agent is refused), configs and actions synced by key/name so their ids stay stable, optional health.
 */
@Injectable()
export class ServiceReporter {
  constructor(private readonly audit: AuditRecorder) {}

  async report(tx: EntityManager, agent: Pick<Agent, 'id'>, input: ReportedServiceDto, now: Date): Promise<CapsuleService> {
    const existing: CapsuleService | null = await tx.findOne(CapsuleService, { code: input.code }, { populate: ['agent'] });
    if (existing && existing.agent.id !== agent.id) {
      const owner = existing.agent; // populated above
      if (owner.status !== 'REVOKED') {
        throw new ApiError('CAPSULE_SERVICE_CODE_TAKEN', `Service code "${input.code}" belongs to another agent.`, { code: input.code });
      }
    }
    const hash = catalogueHash(input);
    const created = !existing;
    const changed = !existing || existing.reportHash !== hash || existing.agent.id !== agent.id;
    // An unchanged report carries the manifest that was checked when it was stored: only a new one is checked.
    const invalid = changed ? manifestIssues(input.manifest ?? {}) : [];
    if (invalid.length) throw new ApiError('CAPSULE_SERVICE_MANIFEST_INVALID', `The manifest of "${input.code}" has invalid capability, event or permission metadata.`, { code: input.code, issues: invalid });
    const service: CapsuleService = existing ?? tx.create(CapsuleService, { id: newId('svc', now.getTime()), agent: agent.id, code: input.code, name: input.name, createdAt: now, updatedAt: now });
    service.lastReportedAt = now;
    if (changed) {
      const previousAgentId = created ? null : service.agent.id;
      service.agent = tx.getReference(Agent, agent.id) as never;
      service.name = input.name;
      service.description = input.description ?? null;
      service.version = input.version ?? null;
      service.runtime = input.runtime ?? null;
      service.manifest = redactManifest(input.manifest ?? {});
      service.reportHash = hash;
      await this.syncConfigs(tx, service, input.configs ?? [], now);
      await this.syncActions(tx, service, input.actions ?? [], now);
      this.audit.record(tx, {
        actorType: 'AGENT',
        actorId: agent.id,
        action: 'service.reported',
        targetType: 'CapsuleService',
        targetId: service.id,
        metadata: { code: service.code, created, ...(previousAgentId && previousAgentId !== agent.id ? { previousAgentId } : {}), configs: input.configs?.length ?? 0, actions: input.actions?.length ?? 0 },
      });
    }
    if (input.health) this.recordHealth(tx, service, agent.id, input.health, now);
    return service;
  }

  /** Adds a health report row and updates the service's stored status. */
  recordHealth(tx: EntityManager, service: CapsuleService, agentId: string, health: HealthInputDto, now: Date): HealthReport {
    service.healthStatus = health.status;
    service.status = storedStatusFor(health.status);
    service.lastHealthAt = now;
    return tx.create(HealthReport, {
      id: newId('hlr', now.getTime()),
      service: service.id,
      agentId,
      status: health.status,
      message: health.message ?? null,
      details: redact(health.details ?? {}),
      reportedAt: now,
    });
  }

  private async syncConfigs(tx: EntityManager, service: CapsuleService, inputs: ConfigInputDto[], now: Date): Promise<void> {
    const existing = new Map((await tx.find(ConfigItem, { service: service.id })).map((item) => [item.key, item]));
    const seen = new Set<string>();
    for (const input of inputs) {
      if (seen.has(input.key)) continue;
      seen.add(input.key);
      const sensitive = input.sensitive === true;
      const values = {
        label: input.label ?? null,
        type: input.type,
        source: input.source ?? null,
        editable: input.editable === true,
        sensitive,
        valuePreview: sensitive ? null : (input.valuePreview ?? null),
        defaultValue: sensitive ? null : (input.defaultValue ?? null),
        secretRef: input.secretRef ?? null,
      };
      const item = existing.get(input.key);
      if (item) Object.assign(item, values);
      else tx.create(ConfigItem, { id: newId('cfg', now.getTime()), service: service.id, key: input.key, ...values, createdAt: now, updatedAt: now });
    }
    for (const [key, item] of existing) if (!seen.has(key)) tx.remove(item);
  }

  private async syncActions(tx: EntityManager, service: CapsuleService, inputs: ActionInputDto[], now: Date): Promise<void> {
    const existing = new Map((await tx.find(ActionDefinition, { service: service.id })).map((action) => [action.name, action]));
    const seen = new Set<string>();
    for (const input of inputs) {
      if (seen.has(input.name)) continue;
      seen.add(input.name);
      const values = {
        label: input.label,
        description: input.description ?? null,
        dangerLevel: input.dangerLevel ?? 'LOW',
        requiresConfirmation: input.requiresConfirmation === true,
        inputSchema: input.inputSchema ?? {},
        timeoutSeconds: input.timeoutSeconds ?? null,
        category: input.category ?? null,
        order: input.order ?? null,
        enabled: input.enabled !== false,
      };
      const action = existing.get(input.name);
      if (action) Object.assign(action, values);
      else tx.create(ActionDefinition, { id: newId('act', now.getTime()), service: service.id, name: input.name, ...values, createdAt: now, updatedAt: now });
    }
    for (const [name, action] of existing) if (!seen.has(name)) tx.remove(action);
  }
}
