// Wire enums shared by the backend, the agent SDK and the console. Values follow the published contract
// (reference/data/enums/status-enums.json) where PRODUCT.md does not override them.

export const USER_ROLES = ['owner', 'operator', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const USER_STATUSES = ['ACTIVE', 'DISABLED'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const REGISTRATION_TOKEN_STATUSES = ['ACTIVE', 'USED', 'REVOKED', 'EXPIRED'] as const;
export type RegistrationTokenStatus = (typeof REGISTRATION_TOKEN_STATUSES)[number];

export const AGENT_TOKEN_STATUSES = ['ACTIVE', 'REVOKED'] as const;
export type AgentTokenStatus = (typeof AGENT_TOKEN_STATUSES)[number];

export const AGENT_MODES = ['embedded', 'ophub', 'sidecar', 'external'] as const;
export type AgentMode = (typeof AGENT_MODES)[number];

export const AGENT_STATUSES = ['PENDING', 'ONLINE', 'OFFLINE', 'DISABLED', 'REVOKED'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export const SERVICE_STATUSES = ['UNKNOWN', 'HEALTHY', 'UNHEALTHY', 'STALE', 'OFFLINE'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const HEALTH_STATUSES = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export const COMMAND_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'] as const;
export type CommandStatus = (typeof COMMAND_STATUSES)[number];
export const TERMINAL_COMMAND_STATUSES: readonly CommandStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'];

export const COMMAND_TYPES = ['ACTION_PREPARE', 'ACTION_EXECUTE'] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

export const DANGER_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type DangerLevel = (typeof DANGER_LEVELS)[number];

export const SERVICE_RUNTIMES = ['nodejs', 'java', 'python', 'go', 'other'] as const;

export const AUDIT_ACTOR_TYPES = ['USER', 'AGENT', 'SYSTEM'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

export const AUDIT_RESULTS = ['SUCCESS', 'FAILURE'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

export const BUS_ROUTE_STATUSES = ['DISABLED', 'DRY_RUN', 'ENABLED'] as const;
export type BusRouteStatus = (typeof BUS_ROUTE_STATUSES)[number];

/** A route's outcome for one event. FAILED (not dry-run) dispatches are the dead letters; REPLAYED ones were replayed. */
export const BUS_DISPATCH_STATUSES = ['CREATED', 'DRY_RUN', 'FAILED', 'REPLAYED'] as const;
export type BusDispatchStatus = (typeof BUS_DISPATCH_STATUSES)[number];

/** Marker carried by every Capsule Bus object, as in the original. */
export const BUS_EXPERIMENTAL_MARKER = 'v0.4-experimental';

/** Id prefixes: `<prefix>_<ULID>`. */
export const ID_PREFIXES = {
  user: 'usr',
  session: 'ses',
  registrationToken: 'tok',
  agentToken: 'tok',
  agent: 'agt',
  service: 'svc',
  healthReport: 'hlr',
  config: 'cfg',
  action: 'act',
  command: 'cmd',
  commandResult: 'crs',
  audit: 'aud',
  busEvent: 'bev',
  busRoute: 'brt',
  busDispatch: 'bdp',
  setting: 'set',
} as const;

export const TOKEN_PREFIXES = { registration: 'opstage_reg_', agent: 'opstage_agent_' } as const;
