import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import type { FilterQuery } from '@mikro-orm/core';
import { BUS_EXPERIMENTAL_MARKER } from '../../../../libs/contracts/src';
import { AuditQueryService } from '../audit/audit-query.service';
import type { AuditEventDto } from '../audit/audit-event.dto';
import { OpstageConfig } from '../config/opstage-config';
import { rowDate } from '../database/row-time';
import { ApiError } from '../http/api-error';
import { findPage } from '../http/find-page';
import { Paginated } from '../http/paginated';
import { PageQueryDto } from '../http/page-query.dto';
import { BusDispatch } from './bus-dispatch.entity';
import { BusEvent } from './bus-event.entity';
import { BusRoute } from './bus-route.entity';
import { BusRejections } from './domain/bus-rejections';
import { BusDiagnosticsDto, BusRouteDiagnosticsDto } from './dto/bus-diagnostics.dto';
import { BusDispatchDto, BusEventDto } from './dto/bus-event.dto';
import { ListBusEventsQueryDto } from './dto/bus-queries.dto';

const MARKER = { experimental: BUS_EXPERIMENTAL_MARKER };
const COMMAND_FAILURES = ['FAILED', 'EXPIRED', 'CANCELLED'];

interface DispatchCountRow {
  route_id: string;
  status: string;
  dry_run: number;
  command_status: string | null;
  n: number;
  last_at: number | string | null;
}

/** The bus's read side: events with what they produced, dead letters, bus audit and per-route diagnostics. */
@Injectable()
export class BusQueriesService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: OpstageConfig,
    private readonly auditQuery: AuditQueryService,
    private readonly rejections: BusRejections,
  ) {}

  async events(query: ListBusEventsQueryDto): Promise<Paginated<BusEventDto>> {
    const em = this.em.fork();
    const where: FilterQuery<BusEvent> = {};
    if (query.eventType) where.eventType = query.eventType;
    if (query.sourceServiceCode) where.sourceServiceCode = query.sourceServiceCode;
    if (query.agentId) where.agentId = query.agentId;
    if (query.correlationId) where.correlationId = query.correlationId;
    const { rows, pagination } = await findPage(em, BusEvent, where, query, { allowed: { acceptedAt: 'acceptedAt', occurredAt: 'occurredAt' }, fallback: '-acceptedAt' });
    const dispatches = rows.length ? await em.find(BusDispatch, { eventId: { $in: rows.map((r) => r.id) } }, { orderBy: { createdAt: 'asc', id: 'asc' } }) : [];
    const byEvent = new Map<string, BusDispatch[]>();
    for (const dispatch of dispatches) {
      const list = byEvent.get(dispatch.eventId);
      if (list) list.push(dispatch);
      else byEvent.set(dispatch.eventId, [dispatch]);
    }
    return new Paginated(rows.map((event) => BusEventDto.from(event, byEvent.get(event.id) ?? [])), pagination, MARKER);
  }

  async event(eventId: string): Promise<BusEventDto> {
    const em = this.em.fork();
    const event = await em.findOne(BusEvent, { id: eventId });
    if (!event) throw new ApiError('NOT_FOUND', 'Bus event not found.');
    return BusEventDto.from(event, await em.find(BusDispatch, { eventId }, { orderBy: { createdAt: 'asc', id: 'asc' } }));
  }

  /** Failed dispatches of non-dry-run routes, newest first: what an operator may replay. */
  async deadLetters(query: PageQueryDto): Promise<Paginated<BusDispatchDto>> {
    const { rows, pagination } = await findPage(this.em.fork(), BusDispatch, { status: 'FAILED', dryRun: false }, query, { allowed: { createdAt: 'createdAt', updatedAt: 'updatedAt' }, fallback: '-createdAt' });
    return new Paginated(rows.map(BusDispatchDto.from), pagination, MARKER);
  }

  async audit(query: PageQueryDto): Promise<Paginated<AuditEventDto>> {
    const page = await this.auditQuery.list({ ...query, actionPrefix: 'bus.' });
    return new Paginated(page.items, page.pagination, MARKER);
  }

  async diagnostics(): Promise<BusDiagnosticsDto> {
    const em = this.em.fork();
    const routes = await em.find(BusRoute, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const rows: DispatchCountRow[] = await em
      .getConnection()
      .execute('select route_id, status, dry_run, command_status, count(*) as n, max(created_at) as last_at from bus_dispatches group by route_id, status, dry_run, command_status');
    const byRoute = new Map<string, BusRouteDiagnosticsDto>();
    for (const route of routes) {
      byRoute.set(route.id, { routeId: route.id, name: route.name, status: route.status, matched: 0, dispatched: 0, dryRun: 0, failed: 0, deadLettered: 0, commandsSucceeded: 0, commandsFailed: 0, lastEventAt: null });
    }
    for (const row of rows) {
      const entry = byRoute.get(row.route_id);
      if (!entry) continue;
      const n = Number(row.n);
      entry.matched += n;
      if (row.status === 'CREATED' || row.status === 'REPLAYED') entry.dispatched += n;
      if (row.status === 'DRY_RUN') entry.dryRun += n;
      if (row.status === 'FAILED' || row.status === 'REPLAYED') entry.failed += n;
      if (row.status === 'FAILED' && !row.dry_run) entry.deadLettered += n;
      if (row.command_status === 'SUCCEEDED') entry.commandsSucceeded += n;
      if (row.command_status && COMMAND_FAILURES.includes(row.command_status)) entry.commandsFailed += n;
      const last = rowDate(row.last_at);
      if (last && (!entry.lastEventAt || last.toISOString() > entry.lastEventAt)) entry.lastEventAt = last.toISOString();
    }
    const recent = this.rejections.recent();
    return {
      enabled: this.config.busEnabled,
      ingestPerMinute: this.config.busIngestPerMinute,
      maxDepth: this.config.busMaxDepth,
      events: await em.count(BusEvent, {}),
      deadLetters: await em.count(BusDispatch, { status: 'FAILED', dryRun: false }),
      routes: [...byRoute.values()],
      rejections: this.rejections.totals(),
      recentRejections: recent.map((r) => ({ at: r.at.toISOString(), agentId: r.agentId, code: r.code, eventType: r.eventType, sourceServiceCode: r.sourceServiceCode })),
      experimental: BUS_EXPERIMENTAL_MARKER,
    };
  }
}
