import type { BusAdapterOptions } from './bus-forwarder';
import type { AgentLogger, LogLevel } from './logger';

export type HealthStatus = 'UP' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';
export type DangerLevel = 'LOW' | 'MEDIUM' | 'HIGH';

export interface HealthReport {
  status: HealthStatus;
  message?: string;
  details?: Record<string, unknown>;
}

/** A config item as reported (wire shape). A sensitive item carries a `secretRef`, never its value. */
export interface ConfigItem {
  key: string;
  type: string;
  label?: string;
  source?: string;
  editable?: boolean;
  sensitive?: boolean;
  valuePreview?: string;
  defaultValue?: string;
  secretRef?: string;
}

/** What a handler gets besides the payload. */
export interface ActionContext {
  commandId: string;
  actionName: string;
  serviceCode: string;
  /** Fired when an operator cancels the command, when it runs past its timeout, or when the agent stops. */
  signal: AbortSignal;
  logger: AgentLogger;
}

/** What a prepare function may return: dynamic fields of the action, a starting payload, the current state. */
export interface PreparedAction {
  action?: Partial<Pick<ActionDefinition, 'label' | 'description' | 'inputSchema' | 'dangerLevel' | 'requiresConfirmation'>> & Record<string, unknown>;
  initialPayload?: Record<string, unknown>;
  currentState?: Record<string, unknown>;
}

export type ActionHandler = (payload: Record<string, unknown>, context: ActionContext) => unknown;
export type PrepareHandler = (payload: Record<string, unknown>, context: ActionContext) => PreparedAction | Promise<PreparedAction>;

export interface ActionDefinition {
  /** Intent-named, unique per service (`rotateApiKey`, never `exec`). */
  name: string;
  label: string;
  description?: string;
  dangerLevel?: DangerLevel;
  requiresConfirmation?: boolean;
  /** JSON Schema of the payload; the backend validates payloads against it. */
  inputSchema?: Record<string, unknown>;
  timeoutSeconds?: number;
  category?: string;
  order?: number;
  enabled?: boolean;
  /** Runs the action; its return value (an object) becomes the result's `data`. */
  handler: ActionHandler;
  /** Optional prepare phase: opens the action panel with a dynamic form. Must have no side effects. */
  prepare?: PrepareHandler;
}

export interface ServiceOptions {
  code: string;
  name: string;
  description?: string;
  version?: string;
  runtime?: string;
  /** Extra manifest fields (labels, capabilities, events, permissions, links, …) merged into the generated manifest. */
  manifest?: Record<string, unknown>;
  /** OpHub thin forwarding: poll this service's local adapter (`GET /capsule/bus/events`) and publish what it returns. */
  busAdapter?: BusAdapterOptions;
}

export interface AgentIdentity {
  code?: string;
  name?: string;
  version?: string;
  runtime?: string;
  /** `embedded` (one service, the default) or `ophub` (one agent reporting several services). */
  mode?: 'embedded' | 'ophub';
}

export interface AgentIntervals {
  /** Until the server sends its cadence. */
  heartbeatMs?: number;
  /** How often the service report is checked for changes (it is sent only when it changed). */
  serviceReportMs?: number;
  /** Pause between polls when long-polling is off (`longPollSeconds: 0`), until the server sends its cadence. */
  commandPollMs?: number;
}

export interface CapsuleAgentOptions {
  /** Default: `OPSTAGE_BACKEND_URL`, else `http://localhost:8080`. */
  backendUrl?: string;
  /** Only needed until the token file exists. Default: `OPSTAGE_REGISTRATION_TOKEN`. */
  registrationToken?: string;
  /** Default file: `OPSTAGE_AGENT_TOKEN_FILE`, else `./data/agent-token.json`. */
  tokenStore?: { file?: string };
  agent?: AgentIdentity;
  /** The service this agent embeds. Optional in `ophub` mode. */
  service?: ServiceOptions;
  /** Further services (OpHub mode); give each its actions with `agent.service(code)`. */
  services?: ServiceOptions[];
  intervals?: AgentIntervals;
  /** How long one command poll waits on the server for a command (0 = short polls). Default 25, capped by the server. */
  longPollSeconds?: number;
  /** Commands run at once by this agent. Default 4. */
  maxConcurrentCommands?: number;
  /** Largest serialized result (`message` + `data` + `error`) sent to the backend. Default 1,000,000 bytes. */
  maxResultBytes?: number;
  /** How long `stop()` waits for running handlers before aborting them. Default 10 s. */
  stopTimeoutMs?: number;
  backoff?: { initialMs?: number; maxMs?: number };
  /** `true`: `start()` rejects on a registration or auth failure. Default `false`: the error is reported and the host runs on. */
  strictMode?: boolean;
  /** Default: JSON lines on stderr at `OPSTAGE_LOG_LEVEL` (info). */
  logger?: Partial<AgentLogger>;
  logLevel?: LogLevel | 'silent';
  /** For tests and proxies: the fetch implementation to use. */
  fetch?: typeof fetch;
}

/** The options with every default applied (explicit option > environment > default). */
export interface ResolvedOptions {
  backendUrl: string;
  registrationToken?: string;
  tokenFile: string;
  agent: Required<Pick<AgentIdentity, 'code' | 'mode'>> & AgentIdentity;
  services: ServiceOptions[];
  heartbeatMs: number;
  serviceReportMs: number;
  commandPollMs: number;
  longPollSeconds: number;
  maxConcurrentCommands: number;
  maxResultBytes: number;
  stopTimeoutMs: number;
  backoff: { initialMs: number; maxMs: number };
  strictMode: boolean;
}

export const SDK_VERSION = '0.4.0';

export function resolveOptions(options: CapsuleAgentOptions, env: NodeJS.ProcessEnv = process.env): ResolvedOptions {
  const services = [...(options.service ? [options.service] : []), ...(options.services ?? [])];
  const mode = options.agent?.mode ?? 'embedded';
  const code = options.agent?.code ?? env.OPSTAGE_AGENT_CODE ?? (services[0] ? `${services[0].code}-agent` : undefined);
  if (!code) throw new TypeError('CapsuleAgent needs agent.code (or OPSTAGE_AGENT_CODE) when it embeds no service');
  if (mode === 'embedded' && services.length !== 1) throw new TypeError('an embedded CapsuleAgent carries exactly one service; use agent.mode "ophub" for several');
  const seen = new Set<string>();
  for (const service of services) {
    if (seen.has(service.code)) throw new TypeError(`service code ${service.code} is given twice`);
    seen.add(service.code);
  }
  const seconds = (value: string | undefined) => (value && Number.isFinite(Number(value)) && Number(value) > 0 ? Number(value) * 1000 : undefined);
  return {
    backendUrl: (options.backendUrl ?? env.OPSTAGE_BACKEND_URL ?? 'http://localhost:8080').replace(/\/+$/, ''),
    registrationToken: options.registrationToken ?? (env.OPSTAGE_REGISTRATION_TOKEN || undefined),
    tokenFile: options.tokenStore?.file ?? env.OPSTAGE_AGENT_TOKEN_FILE ?? './data/agent-token.json',
    agent: { ...options.agent, code, mode, name: options.agent?.name ?? env.OPSTAGE_AGENT_NAME, version: options.agent?.version ?? SDK_VERSION, runtime: options.agent?.runtime ?? 'nodejs' },
    services,
    heartbeatMs: options.intervals?.heartbeatMs ?? seconds(env.OPSTAGE_HEARTBEAT_INTERVAL_SECONDS) ?? 30_000,
    serviceReportMs: options.intervals?.serviceReportMs ?? 60_000,
    commandPollMs: options.intervals?.commandPollMs ?? seconds(env.OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS) ?? 5_000,
    longPollSeconds: Math.max(0, Math.min(30, options.longPollSeconds ?? 25)),
    maxConcurrentCommands: Math.max(1, options.maxConcurrentCommands ?? 4),
    maxResultBytes: options.maxResultBytes ?? 1_000_000,
    stopTimeoutMs: options.stopTimeoutMs ?? 10_000,
    backoff: { initialMs: options.backoff?.initialMs ?? 1_000, maxMs: options.backoff?.maxMs ?? 60_000 },
    strictMode: options.strictMode ?? false,
  };
}
