import { createHash } from 'node:crypto';
import type { ReportedServiceDto } from '../../agent-client/src';
import { AgentConfigurationError } from './errors';
import type { AgentLogger } from './logger';
import type { ActionDefinition, ConfigItem, HealthReport, ServiceOptions } from './options';

const PROVIDER_TIMEOUT_MS = 5_000;

export type HealthProvider = () => HealthReport | Promise<HealthReport>;
export type ConfigProvider = () => ConfigItem[] | Promise<ConfigItem[]>;

/** One service this agent carries: its declared actions and its health and config providers. */
export class ServiceEntry {
  readonly actions = new Map<string, ActionDefinition>();
  healthProvider?: HealthProvider;
  configProvider?: ConfigProvider;
  /** The server's `svc_…` id, known after the first report. */
  serviceId?: string;
  private lastConfigs: ConfigItem[] = [];

  constructor(
    readonly options: ServiceOptions,
    private readonly agentMode: string,
    private readonly onChange: () => void,
  ) {}

  addAction(definition: ActionDefinition): void {
    if (!definition || typeof definition.name !== 'string' || !definition.name) throw new AgentConfigurationError('an action needs a name');
    if (typeof definition.handler !== 'function') throw new AgentConfigurationError(`action ${definition.name} needs a handler function`);
    if (this.actions.has(definition.name)) throw new AgentConfigurationError(`action ${definition.name} is declared twice on ${this.options.code}`);
    this.actions.set(definition.name, definition);
    this.onChange();
  }

  /** Runs the health provider; a provider that throws or hangs gives UNKNOWN instead of failing the heartbeat. */
  async health(): Promise<HealthReport | undefined> {
    if (!this.healthProvider) return undefined;
    try {
      const report = await withDeadline(Promise.resolve(this.healthProvider()), PROVIDER_TIMEOUT_MS, 'health provider timed out');
      if (!report || !['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'].includes(report.status)) return { status: 'UNKNOWN', message: 'health provider returned no valid status' };
      return { status: report.status, ...(report.message !== undefined ? { message: String(report.message).slice(0, 2000) } : {}), ...(report.details ? { details: report.details } : {}) };
    } catch (error) {
      return { status: 'UNKNOWN', message: 'health provider failed', details: { error: error instanceof Error ? error.message : String(error) } };
    }
  }

  /** Runs the config provider; on failure the last good list is reported again. */
  async configs(logger: AgentLogger): Promise<ConfigItem[]> {
    if (!this.configProvider) return [];
    try {
      const items = await withDeadline(Promise.resolve(this.configProvider()), PROVIDER_TIMEOUT_MS, 'config provider timed out');
      this.lastConfigs = (Array.isArray(items) ? items : []).map(withoutSensitiveValue);
    } catch (error) {
      logger.warn('config provider failed; reporting the last known configs', { service: this.options.code, error: error instanceof Error ? error.message : String(error) });
    }
    return this.lastConfigs;
  }

  manifest(): Record<string, unknown> {
    const o = this.options;
    return {
      kind: 'CapsuleService',
      schemaVersion: '1.0',
      code: o.code,
      name: o.name,
      ...(o.description ? { description: o.description } : {}),
      version: o.version ?? '0.0.0',
      runtime: o.runtime ?? 'nodejs',
      agentMode: this.agentMode === 'ophub' ? 'external' : 'embedded',
      ...(o.manifest ?? {}),
    };
  }

  /** The wire form of this service (health excluded: it travels with heartbeats). */
  async report(logger: AgentLogger): Promise<ReportedServiceDto> {
    const o = this.options;
    return {
      code: o.code,
      name: o.name,
      ...(o.description ? { description: o.description } : {}),
      ...(o.version ? { version: o.version } : {}),
      runtime: o.runtime ?? 'nodejs',
      manifest: this.manifest(),
      configs: await this.configs(logger),
      actions: [...this.actions.values()].map(({ handler: _handler, prepare: _prepare, ...wire }) => wire),
    };
  }
}

/** All services of the agent, keyed by code and (after the first report) by server id. */
export class ServiceCatalog {
  readonly services = new Map<string, ServiceEntry>();

  constructor(services: ServiceOptions[], agentMode: string, onChange: () => void) {
    for (const options of services) this.services.set(options.code, new ServiceEntry(options, agentMode, onChange));
  }

  get(code: string): ServiceEntry {
    const entry = this.services.get(code);
    if (!entry) throw new AgentConfigurationError(`this agent carries no service ${code}`);
    return entry;
  }

  byServiceId(serviceId: string): ServiceEntry | undefined {
    return [...this.services.values()].find((entry) => entry.serviceId === serviceId);
  }

  async report(logger: AgentLogger): Promise<{ services: ReportedServiceDto[]; fingerprint: string }> {
    const services = await Promise.all([...this.services.values()].map((entry) => entry.report(logger)));
    return { services, fingerprint: createHash('sha256').update(JSON.stringify(services)).digest('hex') };
  }

  remember(reported: Array<{ id: string; code: string }>): void {
    for (const service of reported) {
      const entry = this.services.get(service.code);
      if (entry) entry.serviceId = service.id;
    }
  }
}

/** A sensitive config item is reported with its secretRef only: the value never leaves the process. */
function withoutSensitiveValue(item: ConfigItem): ConfigItem {
  if (!item.sensitive) return item;
  const { valuePreview: _value, defaultValue: _default, ...rest } = item;
  return rest;
}

function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
