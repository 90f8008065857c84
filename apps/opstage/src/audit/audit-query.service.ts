import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import type { FilterQuery } from '@mikro-orm/core';
import { ApiError, validationFailed } from '../http/api-error';
import { Paginated } from '../http/paginated';
import { containsText, startsWithText } from '../http/like-filter';
import { findPage } from '../http/find-page';
import { AuditEvent } from './audit-event.entity';
import { AuditEventDto } from './audit-event.dto';
import { AuditFiltersDto, AuditExportFormat, ListAuditEventsQueryDto } from './audit-query.dto';
import { csvHeader, csvRow } from './audit-csv';
import { AuditActor, AuditRecorder } from './audit-recorder';

const SORTABLE = { createdAt: 'createdAt' };
export const EXPORT_PAGE_SIZE = 500;

/** The filters that were applied, for the export's own audit row. */
function describeFilters(filters: AuditFiltersDto): Record<string, string> {
  const keys = ['actorType', 'actorId', 'action', 'actionPrefix', 'targetType', 'targetId', 'correlationId', 'result', 'from', 'to', 'q'] as const;
  return Object.fromEntries(keys.filter((k) => filters[k] !== undefined).map((k) => [k, String(filters[k])]));
}

@Injectable()
export class AuditQueryService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditRecorder,
  ) {}

  async list(query: ListAuditEventsQueryDto): Promise<Paginated<AuditEventDto>> {
    const { rows, pagination } = await findPage(this.em.fork(), AuditEvent, this.where(query), query, { allowed: SORTABLE, fallback: '-createdAt' });
    return new Paginated(rows.map(AuditEventDto.from), pagination);
  }

  async get(id: string): Promise<AuditEventDto> {
    const event = await this.em.fork().findOne(AuditEvent, { id });
    if (!event) throw new ApiError('NOT_FOUND', 'Audit event not found.');
    return AuditEventDto.from(event);
  }

  /**
   * Records the export (committed before the first byte is sent), then returns a stream of every matching row, newest
   * first, read in keyset pages of EXPORT_PAGE_SIZE so memory stays flat however many rows match.
   */
  async export(actor: AuditActor, filters: AuditFiltersDto, format: AuditExportFormat): Promise<Readable> {
    const where = this.where(filters);
    await this.em.fork().transactional(async (tx) => {
      this.audit.record(tx, { ...actor, action: 'audit.exported', targetType: 'AuditEvent', metadata: { format, filters: describeFilters(filters) } });
    });
    const pages = this.pages(where);
    return Readable.from(format === 'csv' ? csvChunks(pages) : jsonChunks(pages), { objectMode: false });
  }

  private async *pages(where: FilterQuery<AuditEvent>): AsyncGenerator<AuditEventDto[]> {
    const em = this.em.fork();
    let cursor: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const condition: FilterQuery<AuditEvent> = cursor
        ? { $and: [where, { $or: [{ createdAt: { $lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { $lt: cursor.id } }] }] }
        : where;
      const rows = await em.find(AuditEvent, condition, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: EXPORT_PAGE_SIZE, disableIdentityMap: true });
      if (rows.length) yield rows.map(AuditEventDto.from);
      if (rows.length < EXPORT_PAGE_SIZE) return;
      const last = rows[rows.length - 1];
      cursor = { createdAt: last.createdAt, id: last.id };
    }
  }

  where(filters: AuditFiltersDto): FilterQuery<AuditEvent> {
    const where: Record<string, unknown> = {};
    const and: Record<string, unknown>[] = [];
    if (filters.actorType) where.actorType = filters.actorType;
    if (filters.actorId) where.actorId = filters.actorId;
    if (filters.action) where.action = filters.action;
    if (filters.actionPrefix) and.push(startsWithText('action', filters.actionPrefix));
    if (filters.targetType) where.targetType = filters.targetType;
    if (filters.targetId) where.targetId = filters.targetId;
    if (filters.correlationId) where.correlationId = filters.correlationId;
    if (filters.result) where.result = filters.result;
    const from = filters.from ? new Date(filters.from) : undefined;
    const to = filters.to ? new Date(filters.to) : undefined;
    if (from && to && from.getTime() > to.getTime()) throw validationFailed([{ path: 'from', message: 'from must not be after to' }]);
    if (from || to) where.createdAt = { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) };
    if (filters.q) {
      and.push(containsText(['action', 'message', 'actor_id', 'target_type', 'target_id'], filters.q));
    }
    if (and.length) where.$and = and;
    return where as FilterQuery<AuditEvent>;
  }
}

async function* csvChunks(pages: AsyncGenerator<AuditEventDto[]>): AsyncGenerator<string> {
  yield csvHeader();
  for await (const page of pages) yield page.map(csvRow).join('');
}

/** `{"success":true,"data":[…]}` written incrementally: the same envelope as any other response. */
async function* jsonChunks(pages: AsyncGenerator<AuditEventDto[]>): AsyncGenerator<string> {
  yield '{"success":true,"data":[';
  let first = true;
  for await (const page of pages) {
    const body = page.map((event) => JSON.stringify(event)).join(',');
    yield first ? body : `,${body}`;
    first = false;
  }
  yield ']}';
}
