import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { Counter } from 'prom-client';
import { AuditRecorder } from '../../audit/audit-recorder';
import { MetricsRegistry } from '../../metrics/metrics-registry';

export type RejectionCode = 'BUS_RATE_LIMITED' | 'BUS_DEPTH_EXCEEDED' | 'BUS_EVENT_PAYLOAD_INVALID';

export interface Rejection {
  at: Date;
  agentId: string;
  code: RejectionCode;
  eventType: string;
  sourceServiceCode: string;
  correlationId?: string | null;
  details?: Record<string, unknown>;
}

const RECENT_LIMIT = 50;
const AUDIT_EVERY_MS = 60_000;

/**
 * Events the bus refused. Each is counted (diagnostics and Prometheus) and kept in a short recent list; the audit
 * gets one `bus.event.rejected` row per agent and reason per minute, carrying how many were suppressed since the last,
 * so a misbehaving agent cannot turn its rejected flood into an audit flood.
 */
@Injectable()
export class BusRejections {
  private readonly counts: Record<RejectionCode, number> = { BUS_RATE_LIMITED: 0, BUS_DEPTH_EXCEEDED: 0, BUS_EVENT_PAYLOAD_INVALID: 0 };
  private readonly recentList: Rejection[] = [];
  private readonly lastAudit = new Map<string, { at: number; suppressed: number }>();
  private readonly metric: Counter<'reason'>;

  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditRecorder,
    registry: MetricsRegistry,
  ) {
    this.metric = new Counter({ name: 'opstage_bus_events_rejected_total', help: 'Bus events refused, by reason.', labelNames: ['reason'], registers: [registry] });
  }

  async record(rejection: Rejection): Promise<void> {
    this.counts[rejection.code] += 1;
    this.metric.inc({ reason: rejection.code });
    this.recentList.unshift(rejection);
    if (this.recentList.length > RECENT_LIMIT) this.recentList.pop();
    const key = `${rejection.agentId}:${rejection.code}`;
    const last = this.lastAudit.get(key);
    if (last && rejection.at.getTime() - last.at < AUDIT_EVERY_MS) {
      last.suppressed += 1;
      return;
    }
    this.lastAudit.set(key, { at: rejection.at.getTime(), suppressed: 0 });
    await this.em.fork().transactional(async (tx) => {
      this.audit.record(
        tx,
        {
          actorType: 'AGENT',
          actorId: rejection.agentId,
          action: 'bus.event.rejected',
          targetType: 'Agent',
          targetId: rejection.agentId,
          result: 'FAILURE',
          message: rejection.code,
          metadata: { errorCode: rejection.code, eventType: rejection.eventType, sourceServiceCode: rejection.sourceServiceCode, suppressedSinceLast: last?.suppressed ?? 0, ...rejection.details },
          correlationId: rejection.correlationId ?? null,
        },
        rejection.at,
      );
    });
  }

  totals(): { rateLimited: number; depthExceeded: number; payloadInvalid: number } {
    return { rateLimited: this.counts.BUS_RATE_LIMITED, depthExceeded: this.counts.BUS_DEPTH_EXCEEDED, payloadInvalid: this.counts.BUS_EVENT_PAYLOAD_INVALID };
  }

  recent(): Rejection[] {
    return [...this.recentList];
  }
}
