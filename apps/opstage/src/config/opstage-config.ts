import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ENV_SCHEMA, EnvKey, RawEnv } from './config.schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Typed, validated configuration. Built once at boot by `loadConfig`; injected everywhere as `OpstageConfig`. */
export class OpstageConfig {
  readonly production: boolean;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly databasePath: string;
  readonly adminUsername: string;
  readonly adminPassword?: string;
  readonly sessionSecret: string;
  readonly sessionSecretSource: 'env' | 'generated' | 'data-dir';
  readonly sessionTtlSeconds: number;
  readonly sessionIdleTimeoutSeconds: number;
  readonly cookieSecure: boolean;
  readonly trustProxy: boolean;
  readonly staticDir: string;
  readonly logLevel: string;
  readonly agentOfflineThresholdSeconds: number;
  readonly heartbeatIntervalSeconds: number;
  readonly commandPollIntervalSeconds: number;
  readonly commandTtlSeconds: number;
  readonly commandResultMaxBytes: number;
  readonly prepareTimeoutSeconds: number;
  readonly prepareMaxInFlight: number;
  readonly loginMaxAttemptsPerUsername: number;
  readonly loginMaxAttemptsPerIp: number;
  readonly loginWindowSeconds: number;
  readonly auditRetentionDays: number;
  readonly healthRetentionDays: number;
  readonly commandRetentionDays: number;
  readonly backupRetentionCount: number;
  readonly maintenanceIntervalSeconds: number;
  readonly backupDir: string;
  readonly walCheckpointIntervalMs: number;
  readonly busEnabled: boolean;
  readonly busIngestPerMinute: number;
  readonly busMaxDepth: number;
  readonly version: string;
  readonly commit?: string;
  readonly buildTime?: string;
  /** Request body limit: large enough for the biggest allowed command result plus its envelope. */
  readonly bodyLimitBytes: number;

  constructor(values: Omit<OpstageConfig, never>) {
    Object.assign(this, values);
  }
}

function packageVersion(): string {
  for (const candidate of [join(__dirname, '../../../../package.json'), join(__dirname, '../../../../../package.json'), join(process.cwd(), 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'xtrape-capsule' && pkg.version) return pkg.version;
    } catch {
      /* try the next location */
    }
  }
  return '0.4.0-dev';
}

export function parseEnv(env: NodeJS.ProcessEnv): RawEnv {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(ENV_SCHEMA) as EnvKey[]) {
    const raw = env[key];
    const value = raw === undefined || raw === '' ? undefined : raw.trim();
    const parsed = ENV_SCHEMA[key].schema.safeParse(value);
    if (parsed.success) out[key] = parsed.data;
    else problems.push(`${key}: ${parsed.error.issues.map((i) => i.message).join('; ')} (got ${JSON.stringify(raw)})`);
  }
  if (out.NODE_ENV === 'production') {
    if (!out.OPSTAGE_SESSION_SECRET) problems.push('OPSTAGE_SESSION_SECRET: required when NODE_ENV=production');
    if (!out.OPSTAGE_ADMIN_PASSWORD) problems.push('OPSTAGE_ADMIN_PASSWORD: required when NODE_ENV=production');
  }
  if (problems.length) throw new ConfigError(problems);
  return out as RawEnv;
}

function databasePathFrom(url: string | undefined, dataDir: string): string {
  if (!url) return join(dataDir, 'opstage.db');
  const path = url.startsWith('file:') ? url.slice('file:'.length) : url;
  if (path === ':memory:') return path;
  return isAbsolute(path) ? path : resolve(path);
}

/** Reads the session secret from env, else from `<dataDir>/session-secret`, else generates and keeps one there. */
function resolveSessionSecret(env: RawEnv, dataDir: string): { secret: string; source: OpstageConfig['sessionSecretSource'] } {
  if (env.OPSTAGE_SESSION_SECRET) return { secret: env.OPSTAGE_SESSION_SECRET, source: 'env' };
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return { secret: stored, source: 'data-dir' };
  }
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, source: 'generated' };
}

/** Validates the environment and prepares the data directory. Throws `ConfigError` listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): OpstageConfig {
  const e = parseEnv(env);
  const dataDir = resolve(e.OPSTAGE_DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const databasePath = databasePathFrom(e.DATABASE_URL, dataDir);
  if (databasePath !== ':memory:') mkdirSync(dirname(databasePath), { recursive: true });
  const { secret, source } = resolveSessionSecret(e, dataDir);
  const production = e.NODE_ENV === 'production';
  return new OpstageConfig({
    production,
    host: e.OPSTAGE_HOST,
    port: e.OPSTAGE_PORT,
    dataDir,
    databasePath,
    adminUsername: e.OPSTAGE_ADMIN_USERNAME ?? 'admin',
    adminPassword: e.OPSTAGE_ADMIN_PASSWORD,
    sessionSecret: secret,
    sessionSecretSource: source,
    sessionTtlSeconds: e.OPSTAGE_SESSION_TTL_SECONDS,
    sessionIdleTimeoutSeconds: e.OPSTAGE_SESSION_IDLE_TIMEOUT_SECONDS,
    cookieSecure: e.OPSTAGE_COOKIE_SECURE ?? production,
    trustProxy: e.OPSTAGE_TRUST_PROXY,
    staticDir: resolve(e.OPSTAGE_STATIC_DIR),
    logLevel: e.OPSTAGE_LOG_LEVEL,
    agentOfflineThresholdSeconds: e.OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS,
    heartbeatIntervalSeconds: e.OPSTAGE_HEARTBEAT_INTERVAL_SECONDS,
    commandPollIntervalSeconds: e.OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS,
    commandTtlSeconds: e.OPSTAGE_COMMAND_TTL_SECONDS,
    commandResultMaxBytes: e.OPSTAGE_COMMAND_RESULT_MAX_BYTES,
    prepareTimeoutSeconds: e.OPSTAGE_PREPARE_TIMEOUT_SECONDS,
    prepareMaxInFlight: e.OPSTAGE_PREPARE_MAX_IN_FLIGHT,
    loginMaxAttemptsPerUsername: e.OPSTAGE_LOGIN_MAX_ATTEMPTS_PER_USERNAME,
    loginMaxAttemptsPerIp: e.OPSTAGE_LOGIN_MAX_ATTEMPTS_PER_IP,
    loginWindowSeconds: e.OPSTAGE_LOGIN_WINDOW_SECONDS,
    auditRetentionDays: e.OPSTAGE_AUDIT_RETENTION_DAYS,
    healthRetentionDays: e.OPSTAGE_HEALTH_RETENTION_DAYS,
    commandRetentionDays: e.OPSTAGE_COMMAND_RETENTION_DAYS,
    backupRetentionCount: e.OPSTAGE_BACKUP_RETENTION_COUNT,
    maintenanceIntervalSeconds: e.OPSTAGE_MAINTENANCE_INTERVAL_SECONDS,
    backupDir: resolve(e.OPSTAGE_BACKUP_DIR ?? join(dataDir, 'backups')),
    walCheckpointIntervalMs: e.OPSTAGE_WAL_CHECKPOINT_INTERVAL_MS,
    busEnabled: e.OPSTAGE_CAPSULE_BUS_ENABLED,
    busIngestPerMinute: e.OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN,
    busMaxDepth: e.OPSTAGE_CAPSULE_BUS_MAX_DEPTH,
    version: e.OPSTAGE_VERSION ?? packageVersion(),
    commit: e.OPSTAGE_COMMIT,
    buildTime: e.OPSTAGE_BUILD_TIME,
    bodyLimitBytes: Math.max(1024 * 1024, e.OPSTAGE_COMMAND_RESULT_MAX_BYTES + 64 * 1024),
  });
}
