import { databaseProblems } from './reliability/database-invariants';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNativeSqlite } from '../src/database/native-sqlite';
import { CLI_TEST_TIMEOUT_MS, runCli } from './cli-process';
import { AdminClient } from './harness';
import { cleanEnv, freePort, ROOT, Running, startServer as startProcess, stopProcess, waitUntil } from './processes';
import { spawn } from 'node:child_process';

/** The committed migrations, oldest first: what a fresh database gets. */
const MIGRATIONS = readdirSync(join(ROOT, 'migrations')).filter((f) => /^Migration\d{14}\.ts$/.test(f)).map((f) => f.replace(/\.ts$/, '')).sort();

const OWNER = { username: 'cli-owner@example.test', password: 'Cli-Owner-Password-1' };

function rows<T>(databasePath: string, sql: string): T[] {
  const db = openNativeSqlite(databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe('opstage CLI: migrate and doctor on a temporary data directory', () => {
  let root: string;
  let dataDir: string;
  const env = () => ({ OPSTAGE_DATA_DIR: dataDir });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'opstage-cli-'));
    dataDir = join(root, 'data');
  }, CLI_TEST_TIMEOUT_MS);

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('migrate creates and migrates the database once, reports what it applied, and is a no-op the second time', async () => {
    const first = await runCli(['migrate'], env());
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^Applied ${MIGRATIONS.length} migration\\(s\\) to .*opstage\\.db:\\n${MIGRATIONS.map((m) => ` {2}${m}\\n`).join('')}$`));
    const second = await runCli(['migrate'], env());
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`is up to date: ${MIGRATIONS.length} migration\\(s\\) applied, none pending`));
    const db = join(dataDir, 'opstage.db');
    expect(rows(db, 'select name from mikro_orm_migrations')).toHaveLength(MIGRATIONS.length);
    const audit = rows<{ actor_type: string; actor_id: string; metadata: string }>(db, "select actor_type, actor_id, metadata from audit_events where action = 'system.migrations.applied'");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: 'SYSTEM', actor_id: expect.stringMatching(/^cli:/) });
    expect(JSON.parse(audit[0].metadata).migrations).toEqual(MIGRATIONS);
  }, CLI_TEST_TIMEOUT_MS);

  it('doctor: WARN before the first start, all PASS once migrated, FAIL (exit 1) on a bad variable', async () => {
    const fresh = await runCli(['doctor'], env());
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(/^WARN {2}data directory +.*does not exist yet/m);
    expect(existsSync(dataDir)).toBe(false);

    await runCli(['migrate'], env());
    const healthy = await runCli(['doctor'], env());
    expect(healthy.code).toBe(0);
    const verdicts = Object.fromEntries(healthy.stdout.trim().split('\n').slice(0, -1).map((line) => [line.slice(6).split(/ {2,}/)[0], line.slice(0, 4)]));
    expect(verdicts).toEqual({ configuration: 'PASS', 'session secret': 'PASS', 'data directory': 'PASS', 'backup directory': 'PASS', database: 'PASS', 'database integrity': 'PASS', migrations: 'PASS', 'database writable': 'PASS' });
    expect(healthy.stdout).toMatch(/All checks passed\.\n$/);

    const bad = await runCli(['doctor'], { ...env(), OPSTAGE_PORT: 'eighty' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^FAIL {2}configuration +OPSTAGE_PORT: must be an integer/m);
  }, CLI_TEST_TIMEOUT_MS);

  it('doctor warns about an open data directory and pending migrations, and fails on a database from a newer version or a corrupt file', async () => {
    await runCli(['migrate'], env());
    const db = join(dataDir, 'opstage.db');
    chmodSync(dataDir, 0o755);
    const sqlite = openNativeSqlite(db);
    const name = MIGRATIONS[MIGRATIONS.length - 1];
    sqlite.prepare('delete from mikro_orm_migrations where name = ?').run(name);
    sqlite.close();
    const pending = await runCli(['doctor'], env());
    expect(pending.code).toBe(0);
    expect(pending.stdout).toMatch(/^WARN {2}data directory +.*mode 0755/m);
    expect(pending.stdout).toMatch(new RegExp(`^WARN {2}migrations +1 pending \\(${name}\\)`, 'm'));

    const newer = openNativeSqlite(db);
    newer.prepare("insert into mikro_orm_migrations (name, executed_at) values (?, datetime('now')), ('Migration29991231000000', datetime('now'))").run(name);
    newer.close();
    const fromNewer = await runCli(['doctor'], env());
    expect(fromNewer.code).toBe(1);
    expect(fromNewer.stdout).toMatch(/^FAIL {2}migrations +applied by a newer Opstage: Migration29991231000000/m);

    writeFileSync(db, Buffer.alloc(8192, 7));
    const corrupt = await runCli(['doctor'], env());
    expect(corrupt.code).toBe(1);
    expect(corrupt.stdout).toMatch(/^FAIL {2}database/m);
  }, CLI_TEST_TIMEOUT_MS);
});

describe('opstage CLI: backup and restore around a real server process', () => {
  let root: string;
  let dataDir: string;
  let running: Running | undefined;
  const env = () => ({ OPSTAGE_DATA_DIR: dataDir });

  async function startServer(): Promise<AdminClient> {
    const port = await freePort();
    running = await startProcess(root, { OPSTAGE_DATA_DIR: dataDir, OPSTAGE_PORT: String(port), OPSTAGE_HOST: '127.0.0.1', OPSTAGE_ADMIN_USERNAME: OWNER.username, OPSTAGE_ADMIN_PASSWORD: OWNER.password, OPSTAGE_LOG_LEVEL: 'warn', OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '0' }, port);
    const admin = new AdminClient(`http://127.0.0.1:${port}`);
    const login = await admin.login(OWNER.username, OWNER.password);
    if (login.status !== 200) throw new Error(`login failed: ${login.text}`);
    return admin;
  }

  async function stopServer(): Promise<void> {
    if (running) await stopProcess(running);
    running = undefined;
  }

  const usernames = async (admin: AdminClient) => ((await admin.get('/api/admin/users?pageSize=100')).body.data as Array<{ username: string }>).map((u) => u.username).sort();

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'opstage-restore-'));
    dataDir = join(root, 'data');
  }, CLI_TEST_TIMEOUT_MS);

  afterEach(async () => {
    await stopServer();
    rmSync(root, { recursive: true, force: true });
  }, CLI_TEST_TIMEOUT_MS);

  it('backs up while the server writes, refuses to restore under it, and after a stop restores data the server then serves', async () => {
    let admin = await startServer();
    expect((await admin.post('/api/admin/users', { username: 'before-backup@example.test', password: 'Before-Backup-Pass-1', role: 'viewer' })).status).toBe(200);

    const backupFile = join(root, 'nightly.db');
    const writes = Promise.all(Array.from({ length: 20 }, (_, i) => admin.post('/api/admin/registration-tokens', { name: `during-backup-${i}` })));
    const backup = await runCli(['backup', '--out', backupFile], env());
    await writes;
    expect(backup.code).toBe(0);
    expect(backup.stdout).toBe(`${backupFile}\n`);
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    expect(rows<{ integrity_check: string }>(backupFile, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    // R5: taken under write load, the copy is consistent: every change in it has its audit row, no half-written state.
    expect(databaseProblems(backupFile)).toEqual({});
    const backupAudit = (await admin.get('/api/admin/audit-events?action=backup.sqlite.created')).body.data;
    expect(backupAudit[0]).toMatchObject({ actorType: 'SYSTEM', actorId: expect.stringMatching(/^cli:/), targetId: 'nightly.db' });
    expect((await runCli(['backup', '--out', backupFile], env())).code).toBe(1);

    expect((await admin.post('/api/admin/users', { username: 'after-backup@example.test', password: 'After-Backup-Pass-1', role: 'viewer' })).status).toBe(200);

    const refused = await runCli(['restore', backupFile], env());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('in use by another process');
    expect(readdirSync(dataDir).filter((f) => f.includes('.replaced-') || f.includes('.restoring-'))).toEqual([]);
    expect(await usernames(admin)).toContain('after-backup@example.test');

    await stopServer();
    const restored = await runCli(['restore', backupFile], env());
    expect(restored.code).toBe(0);
    const aside = /kept at (\S+)\./.exec(restored.stderr)?.[1];
    expect(aside).toBeDefined();
    expect(rows<{ username: string }>(aside!, 'select username from users').map((u) => u.username)).toContain('after-backup@example.test');

    admin = await startServer();
    expect(await usernames(admin)).toEqual(['before-backup@example.test', OWNER.username].sort());
    const restoreAudit = (await admin.get('/api/admin/audit-events?action=backup.sqlite.restored')).body.data;
    expect(restoreAudit).toHaveLength(1);
    expect(restoreAudit[0]).toMatchObject({ actorType: 'SYSTEM', targetId: 'nightly.db', metadata: { replacedFile: aside!.split('/').pop() } });
  }, 2 * CLI_TEST_TIMEOUT_MS);

  it('refuses a damaged or foreign file before touching the live database', async () => {
    await runCli(['migrate'], env());
    const live = join(dataDir, 'opstage.db');
    const liveSize = statSync(live).size;

    const backupFile = join(root, 'good.db');
    expect((await runCli(['backup', '--out', backupFile], env())).code).toBe(0);
    const damaged = join(root, 'damaged.db');
    const bytes = readFileSync(backupFile);
    bytes.fill(0xab, 4096 * 2, 4096 * 6);
    writeFileSync(damaged, bytes);
    const refusedDamaged = await runCli(['restore', damaged], env());
    expect(refusedDamaged.code).toBe(1);
    expect(refusedDamaged.stderr).toMatch(/integrity_check|not a usable SQLite database|malformed/);

    const foreign = join(root, 'foreign.db');
    const other = openNativeSqlite(foreign);
    other.exec('create table notes (body text)');
    other.close();
    const refusedForeign = await runCli(['restore', foreign], env());
    expect(refusedForeign.code).toBe(1);
    expect(refusedForeign.stderr).toContain('is not an Opstage database');

    expect(readdirSync(dataDir).filter((f) => f.includes('.replaced-') || f.includes('.restoring-'))).toEqual([]);
    expect(statSync(live).size).toBe(liveSize);
  }, CLI_TEST_TIMEOUT_MS);
});

describe('opstage start', () => {
  it('runs the server on a temporary data directory until SIGTERM, then exits cleanly', async () => {
    const root = mkdtempSync(join(tmpdir(), 'opstage-cli-start-'));
    const port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, 'dist/server/apps/opstage/src/cli/main.js'), 'start'], {
      cwd: root,
      env: { ...cleanEnv(), OPSTAGE_PORT: String(port), OPSTAGE_HOST: '127.0.0.1', OPSTAGE_DATA_DIR: join(root, 'data'), OPSTAGE_ADMIN_USERNAME: OWNER.username, OPSTAGE_ADMIN_PASSWORD: OWNER.password, OPSTAGE_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    try {
      await waitUntil({ child, output: () => output }, 'opstage start to serve', () => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false), 60_000);
      expect((await new AdminClient(`http://127.0.0.1:${port}`).login(OWNER.username, OWNER.password)).status).toBe(200);
      expect(existsSync(join(root, 'data', 'opstage.db'))).toBe(true);
      const exited = new Promise<[number | null, NodeJS.Signals | null]>((r) => child.once('exit', (code, signal) => r([code, signal])));
      child.kill('SIGTERM');
      // Nest closes the application, then re-raises the signal; the database was closed cleanly (SQLite removes the WAL).
      expect(await exited).toEqual([null, 'SIGTERM']);
      expect(existsSync(join(root, 'data', 'opstage.db-wal'))).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
    }
  }, CLI_TEST_TIMEOUT_MS);
});
