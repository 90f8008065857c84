import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MikroORM } from '@mikro-orm/sqlite';
import { ConfigError, loadConfig, OpstageConfig, parseEnv } from '../config/opstage-config';
import { migrationStatus } from '../database/migration-status';
import { DatabaseProbe } from '../system/database-probe';
import { isDatabaseInUse } from './database-in-use';
import { openOrm } from './open-orm';

export type Verdict = 'PASS' | 'WARN' | 'FAIL';

export interface CheckResult {
  check: string;
  verdict: Verdict;
  detail: string;
}

const mode = (path: string) => statSync(path).mode & 0o777;
const octal = (bits: number) => `0${bits.toString(8)}`;

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Validates the environment with the server's own loader without side effects: when no session secret exists
 * yet, a stand-in is passed so that doctor never generates (writes) one.
 */
function configuration(env: NodeJS.ProcessEnv, results: CheckResult[]): OpstageConfig | null {
  try {
    const raw = parseEnv(env);
    const dataDir = resolve(raw.OPSTAGE_DATA_DIR);
    const secretFile = join(dataDir, 'session-secret');
    if (!existsSync(dataDir)) {
      results.push({ check: 'configuration', verdict: 'PASS', detail: `valid (${raw.NODE_ENV ?? 'development'})` });
      results.push({ check: 'data directory', verdict: 'WARN', detail: `${dataDir} does not exist yet; \`opstage start\` or \`opstage migrate\` creates it` });
      return null;
    }
    const secretFromEnv = Boolean(raw.OPSTAGE_SESSION_SECRET);
    const secretKept = existsSync(secretFile);
    const config = loadConfig(secretFromEnv || secretKept ? env : { ...env, OPSTAGE_SESSION_SECRET: 'doctor-stand-in-'.padEnd(32, '-') });
    results.push({ check: 'configuration', verdict: 'PASS', detail: `valid (${config.production ? 'production' : (raw.NODE_ENV ?? 'development')}), database ${config.databasePath}` });
    if (secretFromEnv) results.push({ check: 'session secret', verdict: 'PASS', detail: 'from OPSTAGE_SESSION_SECRET' });
    else if (!secretKept) results.push({ check: 'session secret', verdict: 'WARN', detail: `none yet; one is generated into ${secretFile} at first start` });
    else if (mode(secretFile) & 0o077) results.push({ check: 'session secret', verdict: 'WARN', detail: `${secretFile} is readable by others (mode ${octal(mode(secretFile))}); chmod 600 it` });
    else results.push({ check: 'session secret', verdict: 'PASS', detail: `kept in ${secretFile} (mode ${octal(mode(secretFile))})` });
    if (config.production && !config.cookieSecure) results.push({ check: 'cookies', verdict: 'WARN', detail: 'OPSTAGE_COOKIE_SECURE=false in production: session cookies travel without the Secure flag' });
    return config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    results.push({ check: 'configuration', verdict: 'FAIL', detail: error.problems.join('; ') });
    return null;
  }
}

function directories(config: OpstageConfig, results: CheckResult[]): void {
  const dataDir = config.dataDir;
  if (!statSync(dataDir).isDirectory() || !writable(dataDir)) {
    results.push({ check: 'data directory', verdict: 'FAIL', detail: `${dataDir} is not a directory this user (uid ${process.getuid?.()}) can write` });
  } else if (mode(dataDir) & 0o077) {
    results.push({ check: 'data directory', verdict: 'WARN', detail: `${dataDir} is open to group/others (mode ${octal(mode(dataDir))}); it holds the database and session secret: chmod 700 it` });
  } else if (process.getuid && statSync(dataDir).uid !== process.getuid()) {
    results.push({ check: 'data directory', verdict: 'WARN', detail: `${dataDir} is owned by uid ${statSync(dataDir).uid}, not by this user (uid ${process.getuid()})` });
  } else {
    results.push({ check: 'data directory', verdict: 'PASS', detail: `${dataDir} (mode ${octal(mode(dataDir))})` });
  }
  const backupDir = config.backupDir;
  const existing = existsSync(backupDir) ? backupDir : dirname(backupDir);
  if (existsSync(existing) && writable(existing)) results.push({ check: 'backup directory', verdict: 'PASS', detail: existsSync(backupDir) ? backupDir : `${backupDir} (created at the first backup)` });
  else results.push({ check: 'backup directory', verdict: 'FAIL', detail: `${existing} is not writable by this user` });
}

async function database(config: OpstageConfig, results: CheckResult[]): Promise<void> {
  const path = config.databasePath;
  if (path === ':memory:') {
    results.push({ check: 'database', verdict: 'WARN', detail: 'DATABASE_URL is :memory:; nothing survives a restart' });
    return;
  }
  if (!existsSync(path)) {
    results.push({ check: 'database', verdict: 'WARN', detail: `no database at ${path} yet; \`opstage start\` or \`opstage migrate\` creates it` });
    return;
  }
  let inUse: boolean;
  let orm: MikroORM;
  try {
    // Before this process opens its own connection, which the probe would otherwise count.
    inUse = isDatabaseInUse(path);
    orm = await openOrm(path);
    await orm.em.getConnection().execute('pragma busy_timeout = 5000');
    await orm.em.getConnection().execute('select 1');
  } catch (error) {
    results.push({ check: 'database', verdict: 'FAIL', detail: `cannot open ${path}: ${(error as Error).message}` });
    return;
  }
  try {
    results.push({ check: 'database', verdict: 'PASS', detail: `${path} reachable; ${inUse ? 'in use by another process (a running server)' : 'not in use by any other process'}` });
    const integrity = (await orm.em.getConnection().execute('pragma quick_check')) as Array<{ quick_check: string }>;
    const problems = integrity.map((row) => row.quick_check);
    if (problems.length === 1 && problems[0] === 'ok') results.push({ check: 'database integrity', verdict: 'PASS', detail: 'quick_check ok' });
    else results.push({ check: 'database integrity', verdict: 'FAIL', detail: problems.slice(0, 5).join('; ') });
    const status = await migrationStatus(orm);
    if (status.unknown.length) results.push({ check: 'migrations', verdict: 'FAIL', detail: `applied by a newer Opstage: ${status.unknown.join(', ')}` });
    else if (status.pending.length) results.push({ check: 'migrations', verdict: 'WARN', detail: `${status.pending.length} pending (${status.pending.join(', ')}); applied at next start or by \`opstage migrate\`` });
    else results.push({ check: 'migrations', verdict: 'PASS', detail: `${status.applied.length} applied, none pending` });
    if (!status.pending.length && !status.unknown.length) {
      const probe = await new DatabaseProbe(orm.em).probe();
      results.push(
        probe.writable
          ? { check: 'database writable', verdict: 'PASS', detail: `write probe rolled back in ${probe.latencyMs} ms` }
          : { check: 'database writable', verdict: 'FAIL', detail: `a write inside a rolled-back transaction failed (read-only file or directory, full disk, or a lock held longer than the 5 s busy timeout)` },
      );
    }
  } finally {
    await orm.close();
  }
}

/** Every check, in order; a check that cannot run because an earlier one failed is left out. */
export async function runDoctorChecks(env: NodeJS.ProcessEnv = process.env): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const config = configuration(env, results);
  if (!config) return results;
  directories(config, results);
  await database(config, results);
  return results;
}
