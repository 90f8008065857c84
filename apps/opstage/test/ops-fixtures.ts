import { MikroORM } from '@mikro-orm/sqlite';
import type { EntityManager } from '@mikro-orm/sqlite';
import { AdminClient, TestServer } from './harness';

/** A fresh entity manager on the server's database, for arranging rows a test needs (old timestamps and the like). */
export function orm(server: TestServer): EntityManager {
  return server.app.get(MikroORM).em.fork() as EntityManager;
}

/** Creates a user with `role` through the API (as the owner) and returns a logged-in client for it. */
export async function userWithRole(server: TestServer, owner: AdminClient, role: 'viewer' | 'operator' | 'owner', username = `${role}-${Date.now()}@example.test`): Promise<AdminClient> {
  const password = `${role}-Password-123!`;
  const created = await owner.post('/api/admin/users', { username, password, role });
  if (created.status !== 200) throw new Error(`create ${role} failed: ${created.status} ${created.text}`);
  const client = server.admin();
  const login = await client.login(username, password);
  if (login.status !== 200) throw new Error(`${role} login failed: ${login.status} ${login.text}`);
  return client;
}

export function patch(client: AdminClient, path: string, body: unknown) {
  return client.send('PATCH', path, body);
}
