import type { AuthenticatedAgent } from '../auth/agent-token-authenticator';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { AuditRecorder } from '../audit/audit-recorder';
import { CapsuleService } from '../capsule-services/capsule-service.entity';
import { CapsuleServiceDto } from '../capsule-services/dto/capsule-service.dto';
import { effectiveServiceStatus } from '../capsule-services/effective-status';
import { ServiceReporter } from '../capsule-services/service-reporter';
import { OpstageConfig } from '../config/opstage-config';
import { Notifier, channels } from '../notifier/notifier';
import { Agent } from './agent.entity';
import { HeartbeatDto, ServiceReportDto } from './dto/agent-api.dto';
import { HeartbeatAuditSchedule } from './heartbeat-audit-schedule';
import { HeartbeatCoalescer } from './heartbeat-coalescer';

/** Heartbeats and service reports from authenticated agents. */
@Injectable()
export class AgentReportsService {
  private readonly auditSchedule = new HeartbeatAuditSchedule();

  constructor(
    private readonly em: EntityManager,
    private readonly config: OpstageConfig,
    private readonly reporter: ServiceReporter,
    private readonly audit: AuditRecorder,
    private readonly notifier: Notifier,
    private readonly heartbeats: HeartbeatCoalescer,
  ) {}

  /** Bumps the heartbeat (status ONLINE unless DISABLED/REVOKED); with serviceId + health records a health report. */
  async heartbeat(agent: AuthenticatedAgent['agent'], body: HeartbeatDto, now = new Date()): Promise<void> {
    const wasOnline = agent.status === 'ONLINE';
    const sampleAudit = this.auditSchedule.isDue(agent.id, now.getTime());
    if (!sampleAudit && !(body.serviceId && body.health)) {
      // The hot path: a sign of life, the same as a poll's (ADR 0009).
      await this.heartbeats.beat(agent.id, now);
      return;
    }
    await this.em.transactional(async (tx) => {
      await tx.nativeUpdate(Agent, { id: agent.id, status: { $nin: ['DISABLED', 'REVOKED'] } }, { lastHeartbeatAt: now, status: 'ONLINE', updatedAt: now });
      if (body.serviceId && body.health) {
        const service = await tx.findOne(CapsuleService, { id: body.serviceId, agent: agent.id });
        if (service) this.reporter.recordHealth(tx, service, agent.id, body.health, now);
      }
      if (sampleAudit) this.audit.record(tx, { actorType: 'AGENT', actorId: agent.id, action: 'agent.heartbeat.received', targetType: 'Agent', targetId: agent.id, metadata: { sampled: true } });
    });
    if (sampleAudit) this.auditSchedule.sampled(agent.id, now.getTime());
    this.heartbeats.written(agent.id, now);
    if (!wasOnline || body.health) this.notifier.notify(channels.adminStream, { type: 'agent', agentId: agent.id });
  }

  async report(agent: AuthenticatedAgent['agent'], body: ServiceReportDto, now = new Date()): Promise<CapsuleServiceDto[]> {
    const services = await this.em.transactional(async (tx) => {
      await tx.nativeUpdate(Agent, { id: agent.id, status: { $nin: ['DISABLED', 'REVOKED'] } }, { lastHeartbeatAt: now, status: 'ONLINE', updatedAt: now });
      const reported: CapsuleService[] = [];
      for (const input of body.services) reported.push(await this.reporter.report(tx, agent, input, now));
      return reported;
    });
    this.notifier.notify(channels.adminStream, { type: 'services', agentId: agent.id });
    const fresh = { status: 'ONLINE' as const, lastHeartbeatAt: now };
    return services.map((service) => CapsuleServiceDto.from(service, effectiveServiceStatus(service.status, fresh, this.config.agentOfflineThresholdSeconds, now)));
  }
}
