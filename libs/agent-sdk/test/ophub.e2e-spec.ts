import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminClient, TestServer } from '../../../apps/opstage/test/harness';
import { CapsuleAgent } from '../src';

/** OpHub mode over real loopback HTTP: one agent, registered without a service, reporting and serving two. */
describe('an OpHub agent carrying several services', () => {
  let server: TestServer;
  let admin: AdminClient;
  let hub: CapsuleAgent;
  const dir = mkdtempSync(join(tmpdir(), 'ophub-'));

  beforeAll(async () => {
    server = await new TestServer({ OPSTAGE_HEARTBEAT_INTERVAL_SECONDS: '1' }).start();
    admin = await server.owner();
  });
  afterAll(async () => {
    await hub?.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers once, reports both services with their actions and health, and runs each service’s own handler', async () => {
    const registrationToken = (await admin.post('/api/admin/registration-tokens', { name: 'hub' })).body.data.rawToken;
    hub = new CapsuleAgent({
      backendUrl: server.baseUrl,
      registrationToken,
      tokenStore: { file: join(dir, 'hub.json') },
      agent: { code: 'worker-hub', mode: 'ophub' },
      services: [
        { code: 'mailer', name: 'Mailer' },
        { code: 'thumbnailer', name: 'Thumbnailer' },
      ],
      logLevel: 'silent',
    });
    hub.service('mailer').health(() => ({ status: 'UP' })).action({ name: 'sendTest', label: 'Send test mail', handler: (p) => ({ sentTo: p.to }) });
    hub.service('thumbnailer').health(() => ({ status: 'DEGRADED', message: 'slow disk' })).action({ name: 'rebuild', label: 'Rebuild', handler: () => ({ rebuilt: 3 }) });
    await hub.start();
    expect(hub.state).toBe('running');

    const services = (await admin.get(`/api/admin/capsule-services?agentId=${hub.agentId}&sort=code`)).body.data;
    expect(services.map((s: { code: string; status: string }) => [s.code, s.status])).toEqual([
      ['mailer', 'HEALTHY'],
      ['thumbnailer', 'UNHEALTHY'],
    ]);
    const agent = (await admin.get(`/api/admin/agents/${hub.agentId}`)).body.data;
    expect(agent).toMatchObject({ code: 'worker-hub', mode: 'ophub' });

    const run = async (serviceId: string, action: string, payload: object) => {
      const id = (await admin.post(`/api/admin/capsule-services/${serviceId}/actions/${action}`, { payload })).body.data.id;
      for (let i = 0; i < 100; i++) {
        const command = (await admin.get(`/api/admin/commands/${id}`)).body.data;
        if (command.status !== 'PENDING' && command.status !== 'RUNNING') return command;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`command ${id} did not finish`);
    };
    expect(await run(services[0].id, 'sendTest', { to: 'ops@example.test' })).toMatchObject({ status: 'SUCCEEDED', result: { data: { sentTo: 'ops@example.test' } } });
    expect(await run(services[1].id, 'rebuild', {})).toMatchObject({ status: 'SUCCEEDED', result: { data: { rebuilt: 3 } } });
    // an action of one service is not found on the other
    expect((await admin.post(`/api/admin/capsule-services/${services[1].id}/actions/sendTest`, { payload: {} })).status).toBe(404);
  });
});
