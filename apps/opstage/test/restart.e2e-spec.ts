import { existsSync, readFileSync } from 'node:fs';
import { TestServer } from './harness';
import { registerAgent } from './agent-fixtures';

describe('state survives a restart of the server on the same SQLite file', () => {
  it('keeps sessions, registration tokens, agents and their tokens, and the audit trail', async () => {
    const first = await new TestServer().start();
    const owner = await first.owner();
    const agent = await registerAgent(first, owner, 'restart-agent', null);
    const created = await owner.post('/api/admin/registration-tokens', { name: 'survivor' });
    expect(created.status).toBe(200);
    await first.stop(false);

    const second = await new TestServer({}, first.dataDir).start();
    try {
      const me = await second.request('GET', '/api/admin/auth/me', { headers: { cookie: owner.cookie! } });
      expect(me.status).toBe(200);
      const tokens = await second.request('GET', '/api/admin/registration-tokens', { headers: { cookie: owner.cookie! } });
      expect(tokens.body.data.map((t: { name: string }) => t.name)).toContain('survivor');
      const heartbeat = await second.request('POST', `/api/agents/${agent.agentId}/heartbeat`, { headers: agent.auth, body: {} });
      expect(heartbeat.status).toBe(200);
      // The CSRF token issued before the restart still validates (it is derived, not kept in memory).
      const logout = await second.request('POST', '/api/admin/auth/logout', { headers: { cookie: owner.cookie!, 'x-csrf-token': owner.csrfToken! } });
      expect(logout.status).toBe(200);

      const wal = `${second.config.databasePath}-wal`;
      const file = Buffer.concat([readFileSync(second.config.databasePath), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
      // Raw secrets never reach the file: only hashes are stored.
      expect(file.includes(Buffer.from(agent.agentToken))).toBe(false);
      expect(file.includes(Buffer.from(created.body.data.rawToken))).toBe(false);
      expect(file.includes(Buffer.from(owner.cookie!.split('=')[1]))).toBe(false);
      expect(file.includes(Buffer.from('Owner-Password-123!'))).toBe(false);
    } finally {
      await second.stop();
    }
  });
});
