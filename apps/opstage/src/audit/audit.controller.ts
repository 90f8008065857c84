import type { Readable } from 'node:stream';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access } from '../auth/access.decorator';
import { CurrentSession } from '../auth/current-caller.decorator';
import type { AuthenticatedSession } from '../auth/session.service';
import { ApiOkEnvelope, ApiOkPage } from '../http/api-envelope.decorators';
import { IdParam } from '../http/id-param.pipe';
import { AuditEventDto } from './audit-event.dto';
import { ExportAuditEventsQueryDto, ListAuditEventsQueryDto } from './audit-query.dto';
import { AuditQueryService } from './audit-query.service';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' } as const;

@ApiTags('AdminAuditEvents')
@Controller('api/admin/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @Access.viewer()
  @ApiOperation({ operationId: 'listAuditEvents', summary: 'List audit events, newest first; filter by actor, action, target, result and time.' })
  @ApiOkPage(AuditEventDto)
  list(@Query() query: ListAuditEventsQueryDto) {
    return this.audit.list(query);
  }

  @Get('export')
  @Access.operator()
  @ApiOperation({ operationId: 'exportAuditEvents', summary: 'Stream every matching audit event as CSV or JSON (no row cap); the export itself is audited.' })
  @ApiProduces('application/json', 'text/csv')
  async export(@CurrentSession() auth: AuthenticatedSession, @Query() query: ExportAuditEventsQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Readable> {
    const format = query.format ?? 'json';
    const stream = await this.audit.export({ actorType: 'USER', actorId: auth.user.id }, query, format);
    reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename=opstage-audit-${Date.now()}.${format}`)
      .header('cache-control', 'no-store');
    return stream;
  }

  @Get(':auditEventId')
  @Access.viewer()
  @ApiOperation({ operationId: 'getAuditEvent', summary: 'One audit event.' })
  @ApiOkEnvelope(AuditEventDto)
  get(@IdParam('auditEventId', 'aud') id: string): Promise<AuditEventDto> {
    return this.audit.get(id);
  }
}
