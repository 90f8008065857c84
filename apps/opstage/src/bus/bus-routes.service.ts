import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { AuditRecorder, userActor } from '../audit/audit-recorder';
import { ApiError, ValidationIssue } from '../http/api-error';
import { jsonSchemaProblem } from '../json-schema/json-schema-problem';
import { newId } from '../ids/new-id';
import { BusRoute } from './bus-route.entity';
import { ormTargetReads } from './domain/bus-reads';
import { mappingIssues } from './domain/input-mapping';
import { RoutePlanner } from './domain/route-planner';
import { BusRouteBodyDto, BusRouteDto } from './dto/bus-route.dto';
import { RouteTestOutcomeDto, RouteTestRequestDto } from './dto/route-test.dto';

/** Route CRUD (validated when saved, audited in the same transaction) and the dry route test. */
@Injectable()
export class BusRoutesService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditRecorder,
    private readonly planner: RoutePlanner,
  ) {}

  async list(): Promise<BusRouteDto[]> {
    return (await this.em.fork().find(BusRoute, {}, { orderBy: { createdAt: 'desc', id: 'desc' } })).map(BusRouteDto.from);
  }

  async get(routeId: string): Promise<BusRouteDto> {
    return BusRouteDto.from(await this.load(this.em.fork(), routeId));
  }

  async create(userId: string, body: BusRouteBodyDto): Promise<BusRouteDto> {
    const route = await this.em.fork().transactional(async (tx) => {
      await this.assertValid(tx, body);
      const now = new Date();
      const route = tx.create(BusRoute, { id: newId('brt', now.getTime()), ...this.fields(body), createdByUserId: userId, createdAt: now, updatedAt: now });
      this.audit.record(tx, { ...userActor(userId), action: 'bus.route.created', targetType: 'BusRoute', targetId: route.id, metadata: this.summary(route) }, now);
      return route;
    });
    return BusRouteDto.from(route);
  }

  async update(userId: string, routeId: string, body: BusRouteBodyDto): Promise<BusRouteDto> {
    const route = await this.em.fork().transactional(async (tx) => {
      const route = await this.load(tx, routeId);
      await this.assertValid(tx, body);
      const previousStatus = route.status;
      Object.assign(route, this.fields(body), { updatedAt: new Date() });
      this.audit.record(tx, { ...userActor(userId), action: 'bus.route.updated', targetType: 'BusRoute', targetId: route.id, metadata: { ...this.summary(route), previousStatus } });
      return route;
    });
    return BusRouteDto.from(route);
  }

  async remove(userId: string, routeId: string): Promise<BusRouteDto> {
    const route = await this.em.fork().transactional(async (tx) => {
      const route = await this.load(tx, routeId);
      tx.remove(route);
      this.audit.record(tx, { ...userActor(userId), action: 'bus.route.deleted', targetType: 'BusRoute', targetId: route.id, metadata: { name: route.name, eventType: route.eventType } });
      return route;
    });
    return BusRouteDto.from(route);
  }

  /** Every route tried against a sample event: whether it matches, and the payload it would dispatch. Writes nothing. */
  async test(sample: RouteTestRequestDto): Promise<RouteTestOutcomeDto[]> {
    const em = this.em.fork();
    const routes = await em.find(BusRoute, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const view = {
      id: 'bev_TEST',
      eventType: sample.eventType,
      sourceServiceCode: sample.sourceServiceCode,
      correlationId: 'bev_TEST',
      causationId: null,
      occurredAt: new Date().toISOString(),
      payload: sample.payload ?? {},
      metadata: sample.metadata ?? {},
    };
    const outcomes: RouteTestOutcomeDto[] = [];
    for (const route of routes) {
      const base = { routeId: route.id, name: route.name, status: route.status };
      const reason = this.planner.verdict(route, view);
      if (reason) {
        outcomes.push({ ...base, matched: false, reason });
        continue;
      }
      const plan = await this.planner.plan(ormTargetReads(em), route, view);
      outcomes.push(
        plan.ok
          ? { ...base, matched: true, wouldDispatch: route.status !== 'DISABLED', payload: plan.payload }
          : { ...base, matched: true, wouldDispatch: false, errorCode: plan.failure.code, errorMessage: plan.failure.message, ...(plan.failure.issues ? { issues: plan.failure.issues } : {}), ...(plan.payload ? { payload: plan.payload } : {}) },
      );
    }
    return outcomes;
  }

  private async load(em: EntityManager, routeId: string): Promise<BusRoute> {
    const route = await em.findOne(BusRoute, { id: routeId });
    if (!route) throw new ApiError('BUS_ROUTE_NOT_FOUND', 'Bus route not found.');
    return route;
  }

  /** Templates well-formed, condition a JSON Schema, target service and enabled action present, no confirmation needed. */
  private async assertValid(em: EntityManager, body: BusRouteBodyDto): Promise<void> {
    const issues: ValidationIssue[] = [...mappingIssues(body.inputMapping ?? {})];
    if (body.condition) {
      const problem = jsonSchemaProblem(body.condition);
      if (problem) issues.push({ path: 'condition', message: `is not a valid JSON Schema: ${problem}` });
    }
    const target = await this.planner.target(ormTargetReads(em), body.targetServiceCode, body.actionName);
    if (!target.ok) issues.push({ path: target.field, message: target.message });
    if (issues.length) throw new ApiError('BUS_ROUTE_INVALID', 'The route cannot be saved.', { issues });
  }

  private fields(body: BusRouteBodyDto) {
    return {
      name: body.name,
      description: body.description ?? null,
      status: body.status ?? 'DISABLED',
      eventType: body.eventType,
      sourceServiceCode: body.sourceServiceCode ?? null,
      targetServiceCode: body.targetServiceCode,
      actionName: body.actionName,
      inputMapping: body.inputMapping ?? {},
      condition: body.condition ?? null,
      metadata: body.metadata ?? {},
    } as const;
  }

  private summary(route: BusRoute) {
    return { name: route.name, status: route.status, eventType: route.eventType, targetServiceCode: route.targetServiceCode, actionName: route.actionName };
  }
}
