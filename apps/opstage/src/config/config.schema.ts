import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], { message: 'must be one of true/false/1/0/yes/no/on/off' })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));
const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^-?\d+$/, { message: 'must be an integer' })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: `must be >= ${min}` }).max(max, { message: `must be <= ${max}` }));

/**
 * The one schema of every environment variable Opstage reads. Names follow the original Opstage CE where it had
 * one. `docs/configuration.md` is generated from the descriptions below (`npm run generate`).
 */
export const ENV_SCHEMA = {
  NODE_ENV: { schema: z.string().optional(), doc: 'production enforces explicit secrets and Secure cookies.' },
  OPSTAGE_HOST: { schema: z.string().min(1).default('0.0.0.0'), doc: 'Listen address.' },
  OPSTAGE_PORT: { schema: int(0, 65535).default(8080), doc: 'Listen port (0 picks a free port).' },
  OPSTAGE_DATA_DIR: { schema: z.string().min(1).default('./data'), doc: 'Directory for the SQLite file, the generated session secret and backups.' },
  DATABASE_URL: { schema: z.string().min(1).optional(), doc: 'SQLite location: `file:PATH`, a plain path or `:memory:`. Default `file:<data dir>/opstage.db`.' },
  OPSTAGE_ADMIN_USERNAME: { schema: z.string().min(1).max(320).optional(), doc: 'Bootstrap owner username (used only while there are no users). Default `admin`.' },
  OPSTAGE_ADMIN_PASSWORD: { schema: z.string().min(12, { message: 'must be at least 12 characters' }).optional(), doc: 'Bootstrap owner password. When absent (not in production) one is generated and printed once.' },
  OPSTAGE_SESSION_SECRET: { schema: z.string().min(32, { message: 'must be at least 32 characters' }).optional(), doc: 'Key for session and CSRF HMACs and for sealing pending action secrets. Generated into the data dir when absent (not in production).' },
  OPSTAGE_SESSION_TTL_SECONDS: { schema: int(60).default(28800), doc: 'Absolute session lifetime.' },
  OPSTAGE_SESSION_IDLE_TIMEOUT_SECONDS: { schema: int(60).default(3600), doc: 'A session unused this long ends.' },
  OPSTAGE_COOKIE_SECURE: { schema: bool.optional(), doc: 'Force the Secure cookie flag on or off. Default: on in production.' },
  OPSTAGE_TRUST_PROXY: { schema: bool.default(false), doc: 'Trust X-Forwarded-* headers (set when behind a reverse proxy).' },
  OPSTAGE_STATIC_DIR: { schema: z.string().min(1).default('dist/console/browser'), doc: 'Built console directory served at `/`.' },
  OPSTAGE_LOG_LEVEL: { schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), doc: 'Log level.' },
  OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS: { schema: int(1).default(90), doc: 'Heartbeat age after which a service is STALE and an agent goes OFFLINE.' },
  OPSTAGE_HEARTBEAT_INTERVAL_SECONDS: { schema: int(1, 3600).default(30), doc: 'Heartbeat cadence sent to agents.' },
  OPSTAGE_COMMAND_POLL_INTERVAL_SECONDS: { schema: int(1, 3600).default(5), doc: 'Command poll cadence sent to agents.' },
  OPSTAGE_COMMAND_TTL_SECONDS: { schema: int(30).default(300), doc: 'How long a PENDING command waits for an agent; also the RUNNING timeout for actions without `timeoutSeconds`.' },
  OPSTAGE_COMMAND_RESULT_MAX_BYTES: { schema: int(1).default(1000000), doc: 'Largest accepted command result (message + data + error, UTF-8 JSON bytes).' },
  OPSTAGE_PREPARE_TIMEOUT_SECONDS: { schema: int(1, 300).default(30), doc: 'How long an action prepare waits for the agent.' },
  OPSTAGE_PREPARE_MAX_IN_FLIGHT: { schema: int(1).default(32), doc: 'Concurrent action prepares allowed.' },
  OPSTAGE_LOGIN_MAX_ATTEMPTS_PER_USERNAME: { schema: int(1).default(5), doc: 'Failed logins per username per window before lockout.' },
  OPSTAGE_LOGIN_MAX_ATTEMPTS_PER_IP: { schema: int(1).default(30), doc: 'Failed logins per client IP per window.' },
  OPSTAGE_LOGIN_WINDOW_SECONDS: { schema: int(1).default(900), doc: 'Login throttling window and lockout duration.' },
  OPSTAGE_AUDIT_RETENTION_DAYS: { schema: int(0).default(90), doc: 'Audit rows older than this are pruned (0 keeps them).' },
  OPSTAGE_HEALTH_RETENTION_DAYS: { schema: int(0).default(7), doc: 'Health reports older than this are pruned (0 keeps them).' },
  OPSTAGE_COMMAND_RETENTION_DAYS: { schema: int(0).default(30), doc: 'Terminal commands older than this are pruned with their results (0 keeps them).' },
  OPSTAGE_BACKUP_RETENTION_COUNT: { schema: int(0).default(10), doc: 'Backup files kept in the backup dir (0 keeps all).' },
  OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: { schema: int(0).default(60), doc: 'Maintenance sweep period (0 disables the scheduler).' },
  OPSTAGE_BACKUP_DIR: { schema: z.string().min(1).optional(), doc: 'Where backups are written. Default `<data dir>/backups`.' },
  OPSTAGE_WAL_CHECKPOINT_INTERVAL_MS: { schema: int(0, 60000).default(1000), doc: 'How often a worker thread checkpoints the SQLite write-ahead log (0: SQLite checkpoints inside commits, on the thread serving requests).' },
  OPSTAGE_CAPSULE_BUS_ENABLED: { schema: bool.default(false), doc: 'Enable the experimental Capsule Bus.' },
  OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN: { schema: int(1).default(60), doc: 'Bus events accepted per agent per minute.' },
  OPSTAGE_CAPSULE_BUS_MAX_DEPTH: { schema: int(1).default(1), doc: 'Deepest allowed bus causation chain.' },
  OPSTAGE_VERSION: { schema: z.string().optional(), doc: 'Reported version (defaults to package.json).' },
  OPSTAGE_COMMIT: { schema: z.string().optional(), doc: 'Build commit, reported by /api/system/version.' },
  OPSTAGE_BUILD_TIME: { schema: z.string().optional(), doc: 'Build time, reported by /api/system/version.' },
} as const;

export type EnvKey = keyof typeof ENV_SCHEMA;
export type RawEnv = { [K in EnvKey]: z.output<(typeof ENV_SCHEMA)[K]['schema']> };
