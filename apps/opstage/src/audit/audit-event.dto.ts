import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTOR_TYPES, AUDIT_RESULTS, type AuditActorType, type AuditResult } from '../../../../libs/contracts/src';
import { AuditEvent } from './audit-event.entity';

export class AuditEventDto {
  @ApiProperty({ pattern: '^aud_' }) id: string;
  @ApiProperty({ enum: AUDIT_ACTOR_TYPES }) actorType: AuditActorType;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty({ example: 'agent.disabled' }) action: string;
  @ApiProperty({ type: String, nullable: true }) targetType: string | null;
  @ApiProperty({ type: String, nullable: true }) targetId: string | null;
  @ApiProperty({ enum: AUDIT_RESULTS }) result: AuditResult;
  @ApiProperty({ type: String, nullable: true }) message: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({ type: String, nullable: true }) ipAddress: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Redacted when written.' }) metadata: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'Links the rows of one Capsule Bus chain (event, routing, commands, results).' }) correlationId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(event: AuditEvent): AuditEventDto {
    return {
      id: event.id,
      actorType: event.actorType,
      actorId: event.actorId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      result: event.result,
      message: event.message,
      requestId: event.requestId,
      ipAddress: event.ipAddress,
      userAgent: event.userAgent,
      metadata: event.metadata ?? {},
      correlationId: event.correlationId,
      createdAt: event.createdAt.toISOString(),
    };
  }
}
