import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import type { HealthStatus, ServiceStatus } from '../../../../libs/contracts/src';
import { Agent } from '../agents/agent.entity';
import { OpstageConfig } from '../config/opstage-config';
import { ApiError } from '../http/api-error';
import { PageQueryDto, pageWindow } from '../http/page-query.dto';
import { findPage } from '../http/find-page';
import { Paginated } from '../http/paginated';
import { parseSort } from '../http/sort';
import { escapeLike } from '../http/like-filter';
import { ActionDefinition } from './action-definition.entity';
import { CapsuleService } from './capsule-service.entity';
import { ConfigItem } from './config-item.entity';
import { CapsuleServiceDto } from './dto/capsule-service.dto';
import { manifestMetadata } from './manifest-metadata';
import { ActionDefinitionDto, CapsuleServiceDetailDto, ConfigItemDto, HealthReportDto, ListCapsuleServicesQueryDto } from './dto/capsule-service-detail.dto';
import { EFFECTIVE_STATUS_SQL, effectiveServiceStatus, heartbeatCutoff } from './effective-status';
import { HealthReport } from './health-report.entity';

/** Services with their agent, which the effective status reads. */
const WITH_AGENT = 'capsule_services s left join agents a on a.id = s.agent_id';

const SORT_COLUMNS: Record<string, string> = { createdAt: 's.created_at', lastReportedAt: 's.last_reported_at', code: 's.code', name: 's.name', status: 'effective_status' };

interface ServiceRow {
  id: string;
  agent_id: string;
  code: string;
  name: string;
  description: string | null;
  version: string | null;
  runtime: string | null;
  status: ServiceStatus;
  health_status: HealthStatus;
  last_reported_at: number | null;
  last_health_at: number | null;
  created_at: number;
  updated_at: number;
  effective_status: ServiceStatus;
}

const iso = (ms: number | null) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

@Injectable()
export class CapsuleServicesService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: OpstageConfig,
  ) {}

  /** One SQL query: filters (effective status included), sort and page all run in the database. */
  async list(query: ListCapsuleServicesQueryDto): Promise<Paginated<CapsuleServiceDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const cutoff = heartbeatCutoff(this.config.agentOfflineThresholdSeconds);
    const conditions: string[] = [];
    const whereParams: unknown[] = [];
    if (query.status?.length) {
      conditions.push(`(${EFFECTIVE_STATUS_SQL}) in (${query.status.map(() => '?').join(',')})`);
      whereParams.push(cutoff, ...query.status);
    }
    if (query.healthStatus) {
      conditions.push('s.health_status = ?');
      whereParams.push(query.healthStatus);
    }
    if (query.agentId) {
      conditions.push('s.agent_id = ?');
      whereParams.push(query.agentId);
    }
    if (query.q) {
      const pattern = `%${escapeLike(query.q)}%`;
      conditions.push(`(s.code like ? escape '\\' or s.name like ? escape '\\')`);
      whereParams.push(pattern, pattern);
    }
    const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
    const connection = this.em.getConnection();
    const rows: ServiceRow[] = await connection.execute(
      `select s.*, ${EFFECTIVE_STATUS_SQL} as effective_status from ${WITH_AGENT} ${where} order by ${this.orderBy(query.sort)} limit ? offset ?`,
      [cutoff, ...whereParams, pageSize, offset],
    );
    // A left join on the agent's primary key cannot change how many services match, and SQLite does not drop it from a
    // count by itself: counted with the join, 10,000 services took 1.2 ms per list; without it, 0.01 ms (an index scan).
    // Only the effective-status filter reads the agent.
    const countFrom = query.status?.length ? WITH_AGENT : 'capsule_services s';
    const [{ total }] = await connection.execute(`select count(*) as total from ${countFrom} ${where}`, whereParams);
    return new Paginated(rows.map((row) => this.fromRow(row)), { page, pageSize, total: Number(total) });
  }

  async detail(serviceId: string): Promise<CapsuleServiceDetailDto> {
    const { service, status } = await this.load(serviceId);
    const [health, configs, actions] = await Promise.all([this.latestHealth(serviceId), this.configs(serviceId), this.actions(serviceId)]);
    return { ...CapsuleServiceDto.from(service, status), manifest: service.manifest, health, configs, actions, ...manifestMetadata(service.manifest) };
  }

  async manifest(serviceId: string): Promise<Record<string, unknown>> {
    return (await this.load(serviceId)).service.manifest;
  }

  async latestHealth(serviceId: string, mustExist = false): Promise<HealthReportDto | null> {
    if (mustExist) await this.load(serviceId);
    const report = await this.em.findOne(HealthReport, { service: serviceId }, { orderBy: { reportedAt: 'desc', id: 'desc' } });
    return report ? HealthReportDto.from(report) : null;
  }

  async healthHistory(serviceId: string, query: PageQueryDto): Promise<Paginated<HealthReportDto>> {
    await this.load(serviceId);
    const { rows, pagination } = await findPage(this.em, HealthReport, { service: serviceId }, query, { allowed: { reportedAt: 'reportedAt' }, fallback: '-reportedAt' });
    return new Paginated(rows.map(HealthReportDto.from), pagination);
  }

  async configs(serviceId: string, mustExist = false): Promise<ConfigItemDto[]> {
    if (mustExist) await this.load(serviceId);
    return (await this.em.find(ConfigItem, { service: serviceId }, { orderBy: { key: 'asc' } })).map(ConfigItemDto.from);
  }

  async actions(serviceId: string, mustExist = false): Promise<ActionDefinitionDto[]> {
    if (mustExist) await this.load(serviceId);
    return (await this.em.find(ActionDefinition, { service: serviceId }, { orderBy: { order: 'asc', name: 'asc' } })).map(ActionDefinitionDto.from);
  }

  private async load(serviceId: string): Promise<{ service: CapsuleService; status: ServiceStatus }> {
    const service = await this.em.findOne(CapsuleService, { id: serviceId });
    if (!service) throw new ApiError('CAPSULE_SERVICE_NOT_FOUND', 'Capsule service not found.');
    const agent = await this.em.findOne(Agent, { id: service.agent.id });
    return { service, status: effectiveServiceStatus(service.status, agent, this.config.agentOfflineThresholdSeconds) };
  }

  /** The same `sort` grammar and 422 as every list (`parseSort`), rendered as SQL over the joined columns. */
  private orderBy(sort: string | undefined): string {
    const order = parseSort(sort, SORT_COLUMNS, '-createdAt');
    return Object.entries(order)
      .map(([column, direction]) => `${column === 'id' ? 's.id' : column} ${direction}`)
      .join(', ');
  }

  private fromRow(row: ServiceRow): CapsuleServiceDto {
    return {
      id: row.id,
      agentId: row.agent_id,
      code: row.code,
      name: row.name,
      description: row.description,
      version: row.version,
      runtime: row.runtime,
      status: row.effective_status,
      storedStatus: row.status,
      healthStatus: row.health_status,
      lastReportedAt: iso(row.last_reported_at),
      lastHealthAt: iso(row.last_health_at),
      createdAt: iso(row.created_at)!,
      updatedAt: iso(row.updated_at)!,
    };
  }
}
