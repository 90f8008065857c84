import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EntityManager } from '@mikro-orm/sqlite';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram } from 'prom-client';
import { InventoryCounts, StatusCounts } from './inventory-counts';
import { MetricsRegistry } from './metrics-registry';
import { OperationalCounters } from './operational-counters';

const LOGIN_ROUTE = '/api/admin/auth/login';

/**
 * Everything /metrics exposes beyond the operational counters: inventory gauges (refreshed from the live tables on
 * each scrape), process metrics, and an HTTP request-duration histogram labelled by route pattern (never the raw URL,
 * to keep the label set bounded). Login outcomes are counted from the login route's responses.
 */
@Injectable()
export class PrometheusExporter implements OnModuleInit {
  private readonly agents: Gauge<'status'>;
  private readonly services: Gauge<'status'>;
  private readonly commands: Gauge<'status'>;
  private readonly staleOnline: Gauge;
  private readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(
    private readonly registry: MetricsRegistry,
    private readonly em: EntityManager,
    private readonly inventory: InventoryCounts,
    private readonly counters: OperationalCounters,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    const registers = [registry];
    collectDefaultMetrics({ register: registry, prefix: 'opstage_' });
    this.agents = new Gauge({ name: 'opstage_agents', help: 'Agents by stored status.', labelNames: ['status'], registers });
    this.services = new Gauge({ name: 'opstage_capsule_services', help: 'Capsule services by effective status.', labelNames: ['status'], registers });
    this.commands = new Gauge({ name: 'opstage_commands', help: 'Retained commands by status.', labelNames: ['status'], registers });
    this.staleOnline = new Gauge({ name: 'opstage_stale_online_agents', help: 'ONLINE agents whose heartbeat is older than the offline threshold.', registers });
    this.httpDuration = new Histogram({
      name: 'opstage_http_request_duration_seconds',
      help: 'HTTP request duration by route pattern.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const route = request.routeOptions?.url ?? 'unmatched';
      this.httpDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
      if (route === LOGIN_ROUTE && request.method === 'POST') {
        this.counters.adminLogin(reply.statusCode === 200 ? 'success' : reply.statusCode === 429 ? 'rate_limited' : 'failure');
      }
      done();
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async render(): Promise<string> {
    const snapshot = await this.inventory.snapshot(this.em.fork());
    setAll(this.agents, snapshot.agents);
    setAll(this.services, snapshot.services);
    setAll(this.commands, snapshot.commands);
    this.staleOnline.set(snapshot.staleOnlineAgents);
    return this.registry.metrics();
  }
}

function setAll(gauge: Gauge<'status'>, counts: StatusCounts): void {
  gauge.reset();
  for (const [status, value] of Object.entries(counts)) gauge.set({ status }, value);
}
