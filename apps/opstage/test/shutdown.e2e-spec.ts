import { rmSync } from 'node:fs';
import { openNativeSqlite } from '../src/database/native-sqlite';
import { registerAgent } from './agent-fixtures';
import { TestServer } from './harness';

/** What the server owes the requests it holds open, and the soft state it keeps in memory, when it stops. */
describe('shutdown', () => {
  it('answers a parked long-poll at once and ends the event stream, instead of waiting them out', async () => {
    const server = await new TestServer().start();
    try {
      const admin = await server.owner();
      const agent = await registerAgent(server, admin, 'shutdown-agent');
      const poll = server.request('GET', `/api/agents/${agent.agentId}/commands?waitSeconds=30`, { headers: agent.auth });
      const stream = await fetch(`${server.baseUrl}/api/admin/stream`, { headers: { cookie: admin.cookie! } });
      const reader = stream.body!.getReader();
      await reader.read(); // the `ready` event
      await new Promise((r) => setTimeout(r, 200)); // let the poll park on the notifier
      const started = Date.now();
      const [, polled] = await Promise.all([server.app.close(), poll]);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect([polled.status, polled.body.data]).toEqual([200, []]);
      let ended = false;
      for (let i = 0; i < 10 && !ended; i++) ended = (await reader.read()).done;
      expect(ended).toBe(true);
    } finally {
      rmSync(server.dataDir, { recursive: true, force: true });
    }
  });

  it('writes coalesced heartbeat timestamps and token uses before it stops', async () => {
    const server = await new TestServer().start();
    try {
      const admin = await server.owner();
      const registered = Date.now();
      const agent = await registerAgent(server, admin, 'flush-agent');
      const heartbeat = () => server.request('POST', `/api/agents/${agent.agentId}/heartbeat`, { headers: agent.auth, body: {} });
      expect((await heartbeat()).status).toBe(200); // the first sign of life: written at once
      await new Promise((r) => setTimeout(r, 50));
      const sent = Date.now();
      expect((await heartbeat()).status).toBe(200); // plain: pending in memory for up to a second
      await server.stop(false);
      const db = openNativeSqlite(server.config.databasePath, { readonly: true });
      try {
        const row = db.prepare('select last_heartbeat_at from agents where id = ?').get(agent.agentId) as { last_heartbeat_at: number };
        expect(row.last_heartbeat_at).toBeGreaterThanOrEqual(sent);
        // the token's first use (pending in memory for up to a second, like the heartbeat)
        const token = db.prepare('select last_used_at from agent_tokens where agent_id = ?').get(agent.agentId) as { last_used_at: number | null };
        expect(token.last_used_at).toBeGreaterThanOrEqual(registered);
      } finally {
        db.close();
      }
    } finally {
      rmSync(server.dataDir, { recursive: true, force: true });
    }
  });
});
