import { MikroORM } from '@mikro-orm/sqlite';
import { Agent } from '../src/agents/agent.entity';
import type { AgentFixture } from './command-fixtures';
import type { AdminClient, HttpResponse, TestServer } from './harness';

/** Publishes an event as the fixture agent, over real HTTP. */
export function publish(server: TestServer, agent: AgentFixture, body: Record<string, unknown>): Promise<HttpResponse> {
  return server.request('POST', `/api/agents/${agent.agentId}/bus/events`, { body, headers: { authorization: `Bearer ${agent.token}` } });
}

/** Creates a route and fails loudly if the backend refuses it. */
export async function createRoute(admin: AdminClient, body: Record<string, unknown>): Promise<{ id: string } & Record<string, unknown>> {
  const res = await admin.post('/api/admin/bus/routes', body);
  if (res.status !== 200) throw new Error(`route create failed: ${res.status} ${res.text}`);
  return res.body.data;
}

/** Sets an agent's status and heartbeat directly, as the maintenance sweep or a poll would. */
export async function setAgentState(server: TestServer, agentId: string, status: 'ONLINE' | 'OFFLINE', lastHeartbeatAt: Date | null = new Date()): Promise<void> {
  await server.app.get(MikroORM).em.fork().nativeUpdate(Agent, { id: agentId }, { status, lastHeartbeatAt });
}
