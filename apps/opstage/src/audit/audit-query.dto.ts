import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { AUDIT_ACTOR_TYPES, AUDIT_RESULTS, type AuditActorType, type AuditResult } from '../../../../libs/contracts/src';
import { PageQueryDto } from '../http/page-query.dto';
import { DateTimeFilter, EnumFilter, TextFilter } from '../http/query-transforms';

/** The filters shared by the list and the export. */
export class AuditFiltersDto {
  @ApiPropertyOptional({ enum: AUDIT_ACTOR_TYPES }) @EnumFilter(AUDIT_ACTOR_TYPES) actorType?: AuditActorType;
  @ApiPropertyOptional({ minLength: 1, maxLength: 160 }) @TextFilter(160) actorId?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 160, description: 'Exact action name.' }) @TextFilter(160) action?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 160, description: 'Action name prefix, e.g. `session.` or `command.`.' }) @TextFilter(160) actionPrefix?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 120 }) @TextFilter(120) targetType?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 160 }) @TextFilter(160) targetId?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: 'Every row of one Capsule Bus chain.' }) @TextFilter(200) correlationId?: string;
  @ApiPropertyOptional({ enum: AUDIT_RESULTS }) @EnumFilter(AUDIT_RESULTS) result?: AuditResult;
  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive lower bound on createdAt.' }) @DateTimeFilter() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive upper bound on createdAt; must not precede `from`.' }) @DateTimeFilter() to?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 160, description: 'Text contained in the action, message, actor id, target type or target id.' }) @TextFilter(160) q?: string;
}

export class ListAuditEventsQueryDto extends IntersectionType(PageQueryDto, AuditFiltersDto) {}

export const AUDIT_EXPORT_FORMATS = ['json', 'csv'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

export class ExportAuditEventsQueryDto extends AuditFiltersDto {
  @ApiPropertyOptional({ enum: AUDIT_EXPORT_FORMATS, default: 'json' }) @EnumFilter(AUDIT_EXPORT_FORMATS) format?: AuditExportFormat;
}
