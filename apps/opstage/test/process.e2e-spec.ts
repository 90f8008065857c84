import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminClient, request } from './harness';
import { DEMO_SERVICE } from './agent-fixtures';
import { freePort, startServer as startProcess, stopProcess } from './processes';

describe('the run command as a real process', () => {
  it('with nothing set: asks for port 8080, keeps SQLite under ./data, prints the generated owner password once', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'opstage-fresh-'));
    // No OPSTAGE_ variable is set. A preload moves the server's listen on 8080 to a free port (and says so), so the
    // test proves the default without needing 8080 free on a shared machine.
    const port = await freePort();
    const redirect = { NODE_OPTIONS: `--require ${join(__dirname, 'listen-redirect.cjs')}`, TEST_LISTEN_FROM: '8080', TEST_LISTEN_TO: String(port) };
    const base = `http://127.0.0.1:${port}`;
    try {
      const first = await startProcess(cwd, redirect, port);
      expect(first.output()).toContain(`test: listen on port 8080 moved to ${port}`);
      const printed = /username: (\S+)\n\s+password: (\S+)/.exec(first.output());
      expect(printed).not.toBeNull();
      const admin = new AdminClient(base);
      expect((await admin.login(printed![1], printed![2])).status).toBe(200);
      expect(existsSync(join(cwd, 'data', 'opstage.db'))).toBe(true);
      await stopProcess(first);

      const second = await startProcess(cwd, redirect, port);
      expect(second.output()).toContain('listen on port 8080 moved to');
      expect(second.output()).not.toContain('password:');
      expect((await new AdminClient(base).login(printed![1], printed![2])).status).toBe(200);
      await stopProcess(second);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 90_000);

  it('with the documented variables: uses them, and no planted secret reaches the logs, the database, an export or a backup', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'opstage-env-'));
    const dataDir = join(cwd, 'elsewhere');
    const port = await freePort();
    const canaries = { password: 'Canary-Admin-Password-8841', payload: 'canary-payload-secret-5521', config: 'canary-config-value-7730' };
    const running = await startProcess(cwd, {
      OPSTAGE_PORT: String(port),
      OPSTAGE_HOST: '127.0.0.1',
      OPSTAGE_DATA_DIR: dataDir,
      OPSTAGE_ADMIN_USERNAME: 'ops@example.test',
      OPSTAGE_ADMIN_PASSWORD: canaries.password,
      OPSTAGE_SESSION_SECRET: 'x'.repeat(48),
      OPSTAGE_LOG_LEVEL: 'trace',
      OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '0',
    }, port);
    try {
      const base = `http://127.0.0.1:${port}`;
      expect(running.output()).not.toContain('password:');
      const admin = new AdminClient(base);
      expect((await admin.login('ops@example.test', canaries.password)).status).toBe(200);
      expect((await admin.login('ops@example.test', 'wrong-password')).status).toBe(401);
      expect((await admin.login('ops@example.test', canaries.password)).status).toBe(200);

      const registrationToken = (await admin.post('/api/admin/registration-tokens', { name: 'canary' })).body.data.rawToken as string;
      const service = { ...DEMO_SERVICE, code: 'canary-svc', configs: [{ key: 'API_KEY', type: 'string', sensitive: true, valuePreview: canaries.config }] };
      const registered = await request(base, 'POST', '/api/agents/register', { body: { registrationToken, agent: { code: 'canary-agent' }, service } });
      const { agentId, agentToken } = registered.body.data;
      const auth = { authorization: `Bearer ${agentToken}` };
      const serviceId = (await admin.get('/api/admin/capsule-services?q=canary-svc')).body.data[0].id;
      const command = await admin.post(`/api/admin/capsule-services/${serviceId}/actions/echo`, { payload: { message: 'hi', password: canaries.payload } });
      expect(command.status).toBe(200);
      const polled = await request(base, 'GET', `/api/agents/${agentId}/commands`, { headers: auth });
      expect(polled.body.data[0].payload.password).toBe(canaries.payload);
      await request(base, 'POST', `/api/agents/${agentId}/commands/${command.body.data.id}/result`, { headers: auth, body: { success: true, data: { echoed: { password: canaries.payload } } } });

      const exports = [await admin.get('/api/admin/audit-events/export?format=csv'), await admin.get('/api/admin/audit-events/export?format=json')];
      const backup = await fetch(`${base}/api/admin/backup/sqlite`, { method: 'POST', headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrfToken! } });
      expect(backup.status).toBe(200);
      const backupBytes = Buffer.from(await backup.arrayBuffer());
      await stopProcess(running);

      const dbFile = join(dataDir, 'opstage.db');
      const stored = Buffer.concat([readFileSync(dbFile), ...['-wal', '-shm'].filter((s) => existsSync(dbFile + s)).map((s) => readFileSync(dbFile + s))]);
      const secrets = [canaries.password, canaries.payload, canaries.config, registrationToken, agentToken, admin.cookie!.split('=')[1]];
      const places: Record<string, Buffer> = { logs: Buffer.from(running.output()), database: stored, csvExport: Buffer.from(exports[0].text), jsonExport: Buffer.from(exports[1].text), backup: backupBytes };
      const leaks = Object.entries(places).flatMap(([place, bytes]) => secrets.filter((secret) => bytes.includes(Buffer.from(secret))).map((secret) => `${place} contains ${secret.slice(0, 24)}`));
      expect(leaks).toEqual([]);
      expect(exports[0].text).toContain('session.login.failed');
      expect(backupBytes.length).toBeGreaterThan(0);
    } finally {
      await stopProcess(running);
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 90_000);

  it("queues a whole reconnecting fleet's connections while it is busy, beyond Node's default backlog of 511", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'opstage-backlog-'));
    const port = await freePort();
    const running = await startProcess(cwd, { OPSTAGE_PORT: String(port), OPSTAGE_HOST: '127.0.0.1', OPSTAGE_DATA_DIR: join(cwd, 'data'), OPSTAGE_LOG_LEVEL: 'warn' }, port);
    const sockets: Socket[] = [];
    try {
      // Stopped, the server accepts nothing: whatever connects now is held in the kernel's queue for it. With a
      // backlog of 511 the rest's SYNs are dropped and retried after 1, 3, 7… s (a fleet's reconnect storm lasted ~30 s).
      running.child.kill('SIGSTOP');
      let connected = 0;
      for (let i = 0; i < 1500; i++) {
        const socket = connect(port, '127.0.0.1', () => connected++);
        socket.on('error', () => {});
        sockets.push(socket);
      }
      await new Promise((r) => setTimeout(r, 700));
      expect(connected).toBe(1500);
      running.child.kill('SIGCONT');
      // Once running again it serves them: a request on the last one queued is answered.
      const last = sockets[sockets.length - 1];
      last.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      const [answer] = (await once(last, 'data')) as [Buffer];
      expect(answer.toString('latin1')).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      running.child.kill('SIGCONT');
      for (const socket of sockets) socket.destroy();
      await stopProcess(running);
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 60_000);
});
