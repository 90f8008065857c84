import type { AdminClient, TestServer } from './harness';

export const DEMO_SERVICE = {
  code: 'demo-capsule-service',
  name: 'Demo Capsule Service',
  version: '0.1.0',
  runtime: 'nodejs',
  manifest: { kind: 'CapsuleService', schemaVersion: '1.0', code: 'demo-capsule-service', name: 'Demo Capsule Service', version: '0.1.0', runtime: 'nodejs', agentMode: 'embedded' },
  health: { status: 'UP', message: 'ok' },
  configs: [
    { key: 'DEMO_MESSAGE', type: 'string', valuePreview: 'hello', sensitive: false },
    { key: 'DEMO_SECRET', type: 'secretRef', sensitive: true, valuePreview: 'must-not-leak', defaultValue: 'must-not-leak-either', secretRef: 'env:DEMO_SECRET' },
  ],
  actions: [
    { name: 'echo', label: 'Echo', dangerLevel: 'LOW', inputSchema: { type: 'object', properties: { message: { type: 'string' } } } },
    { name: 'danger', label: 'Danger', dangerLevel: 'HIGH', requiresConfirmation: true },
  ],
};

export async function createRegistrationToken(admin: AdminClient, name = 'test-token'): Promise<string> {
  const res = await admin.post('/api/admin/registration-tokens', { name });
  if (res.status !== 200) throw new Error(`token create failed ${res.status} ${res.text}`);
  return res.body.data.rawToken;
}

export interface RegisteredAgent {
  agentId: string;
  agentToken: string;
  auth: Record<string, string>;
}

export async function registerAgent(server: TestServer, admin: AdminClient, code = 'demo-agent', service: unknown = DEMO_SERVICE, mode = 'embedded'): Promise<RegisteredAgent> {
  const registrationToken = await createRegistrationToken(admin, `token-for-${code}`);
  const res = await server.request('POST', '/api/agents/register', { body: { registrationToken, agent: { code, name: code, mode, runtime: 'nodejs' }, ...(service ? { service } : {}) } });
  if (res.status !== 200) throw new Error(`register failed ${res.status} ${res.text}`);
  const { agentId, agentToken } = res.body.data;
  return { agentId, agentToken, auth: { authorization: `Bearer ${agentToken}` } };
}
