import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import type { AuditActorType, AuditResult } from '../../../../libs/contracts/src';
import { currentRequestMeta } from '../http/request-context';
import { newId } from '../ids/new-id';
import { redact } from '../redaction/redact';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  actorType: AuditActorType;
  actorId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  result?: AuditResult;
  message?: string | null;
  metadata?: Record<string, unknown>;
  correlationId?: string | null;
}

export interface AuditActor {
  actorType: AuditActorType;
  actorId: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { actorType: 'SYSTEM', actorId: null };

/** The signed-in admin user behind an API call. */
export function userActor(userId: string): AuditActor {
  return { actorType: 'USER', actorId: userId };
}

/**
 * Adds an audit row to the caller's unit of work, so it commits or rolls back with the change it records.
 * Metadata is redacted (secret-looking keys and embedded tokens) before it is stored.
 */
@Injectable()
export class AuditRecorder {
  record(em: EntityManager, entry: AuditEntry, at: Date = new Date()): AuditEvent {
    const meta = currentRequestMeta();
    return em.create(AuditEvent, {
      id: newId('aud', at.getTime()),
      actorType: entry.actorType,
      actorId: entry.actorId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      result: entry.result ?? 'SUCCESS',
      message: entry.message ?? null,
      metadata: redact(entry.metadata ?? {}),
      correlationId: entry.correlationId ?? null,
      requestId: meta?.requestId ?? null,
      ipAddress: meta?.ipAddress ?? null,
      userAgent: meta?.userAgent ?? null,
      createdAt: at,
    });
  }
}
