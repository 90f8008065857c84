import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CapsuleAgent } from './capsule-agent';
import { RegistrationError } from './errors';

/** A scripted backend answering the agent API in memory (unit tests only; the e2e tests use the real one). */
function fakeBackend(answers: { register?: () => Response; heartbeatCadence?: number[]; commands?: object[] }) {
  const calls: string[] = [];
  const results: Array<{ path: string; body: any }> = [];
  const reports: any[] = [];
  const heartbeatBodies: any[] = [];
  let heartbeats = 0;
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetchImpl = (async (input: Request | string) => {
    const request = typeof input === 'string' ? new Request(input) : input;
    const path = new URL(request.url).pathname;
    calls.push(`${request.method} ${path}`);
    if (path === '/api/agents/register') return answers.register?.() ?? json({ success: true, data: { agentId: 'agt_1', agentToken: 'opstage_agent_x', heartbeatIntervalSeconds: 7, commandPollIntervalSeconds: 3 } });
    if (path.endsWith('/services/report')) {
      reports.push(JSON.parse(await request.clone().text()));
      return json({ success: true, data: { services: [{ id: 'svc_1', code: 'svc' }] } });
    }
    if (path.endsWith('/heartbeat')) {
      heartbeatBodies.push(JSON.parse(await request.clone().text()));
      const seconds = answers.heartbeatCadence?.[Math.min(heartbeats++, answers.heartbeatCadence.length - 1)] ?? 7;
      return json({ success: true, data: { heartbeatIntervalSeconds: seconds, commandPollIntervalSeconds: 2, maxCommandWaitSeconds: 12 } });
    }
    if (path.endsWith('/commands')) {
      const batch = answers.commands?.splice(0) ?? [];
      return new Promise<Response>((resolve) => setTimeout(() => resolve(json({ success: true, data: batch })), batch.length ? 0 : 50));
    }
    if (path.endsWith('/result')) {
      results.push({ path, body: JSON.parse(await request.text()) });
      return json({ success: true, data: {} });
    }
    return json({ success: false, error: { code: 'NOT_FOUND', message: 'no' } }, 404);
  }) as typeof fetch;
  return { fetchImpl, calls, results, reports, heartbeatBodies };
}

describe('CapsuleAgent', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'capsule-agent-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const make = (fetchImpl: typeof fetch, extra: Record<string, unknown> = {}) =>
    new CapsuleAgent({ backendUrl: 'http://opstage.test', registrationToken: 'opstage_reg_x', tokenStore: { file: join(dir, 't.json') }, service: { code: 'svc', name: 'Svc' }, logLevel: 'silent', fetch: fetchImpl, ...extra });

  it('adopts the cadence the server returns, and follows it when it changes', async () => {
    const backend = fakeBackend({ heartbeatCadence: [9, 1] });
    const agent = make(backend.fetchImpl, { intervals: { heartbeatMs: 60_000 } });
    expect(agent.intervals.heartbeatMs).toBe(60_000);
    await agent.start();
    expect(agent.state).toBe('running');
    // register said 7 s; the first heartbeat (sent at connect) says 9 s and a 12 s long-poll ceiling
    expect(agent.intervals).toEqual({ heartbeatMs: 9_000, commandPollMs: 2_000, maxWaitSeconds: 12 });
    await agent.stop();
    expect(agent.state).toBe('stopped');
    expect(backend.calls.slice(0, 3)).toEqual(['POST /api/agents/register', 'POST /api/agents/agt_1/services/report', 'POST /api/agents/agt_1/heartbeat']);
  });

  it('a refused registration token does not throw into the host: it is emitted, and start() resolves', async () => {
    const backend = fakeBackend({ register: () => new Response(JSON.stringify({ success: false, error: { code: 'REGISTRATION_TOKEN_INVALID', message: 'bad' } }), { status: 401 }) });
    const agent = make(backend.fetchImpl);
    const errors: unknown[] = [];
    agent.on('error', (error) => errors.push(error));
    await expect(agent.start()).resolves.toBeUndefined();
    expect(agent.state).toBe('failed');
    expect(errors[0]).toBeInstanceOf(RegistrationError);
    expect((errors[0] as RegistrationError).code).toBe('REGISTRATION_TOKEN_INVALID');
    expect(backend.calls).toEqual(['POST /api/agents/register']);
  });

  it('in strictMode start() rejects with the typed error instead', async () => {
    const backend = fakeBackend({ register: () => new Response(JSON.stringify({ success: false, error: { code: 'REGISTRATION_TOKEN_INVALID', message: 'bad' } }), { status: 401 }) });
    await expect(make(backend.fetchImpl, { strictMode: true }).start()).rejects.toBeInstanceOf(RegistrationError);
  });

  it('no listener for `error`: a failure is logged, never an unhandled error event that would crash the host', async () => {
    const backend = fakeBackend({ register: () => new Response('{}', { status: 401 }) });
    const agent = make(backend.fetchImpl);
    await agent.start();
    expect(agent.state).toBe('failed');
  });

  it('an unreachable backend: start() resolves while the agent keeps retrying in the background', async () => {
    let attempts = 0;
    const down = (async () => {
      attempts++;
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const agent = make(down, { backoff: { initialMs: 10, maxMs: 20 } });
    await agent.start();
    expect(agent.state).toBe('starting');
    await new Promise((r) => setTimeout(r, 200));
    expect(attempts).toBeGreaterThan(3);
    await agent.stop();
  });

  it('rejects declarations that cannot work: duplicate actions, no handler, several services without OpHub mode', () => {
    const agent = make(fakeBackend({}).fetchImpl);
    agent.action({ name: 'echo', label: 'Echo', handler: () => ({}) });
    expect(() => agent.action({ name: 'echo', label: 'Echo', handler: () => ({}) })).toThrow(/declared twice/);
    expect(() => agent.action({ name: 'x', label: 'X' } as never)).toThrow(/handler/);
    expect(() => new CapsuleAgent({ services: [{ code: 'a', name: 'A' }, { code: 'b', name: 'B' }], logLevel: 'silent' })).toThrow(/ophub/);
    const hub = new CapsuleAgent({ agent: { code: 'hub', mode: 'ophub' }, services: [{ code: 'a', name: 'A' }, { code: 'b', name: 'B' }], logLevel: 'silent' });
    expect(() => hub.service('b').action({ name: 'go', label: 'Go', handler: () => ({}) })).not.toThrow();
    expect(() => hub.service('c')).toThrow(/no service c/);
  });

  it('reports the service again when its declaration changes at run time, and only then', async () => {
    const backend = fakeBackend({});
    const agent = make(backend.fetchImpl, { intervals: { serviceReportMs: 20 } });
    agent.action({ name: 'first', label: 'First', handler: () => ({}) });
    await agent.start();
    await new Promise((r) => setTimeout(r, 120)); // several report checks: nothing changed, nothing sent
    expect(backend.reports).toHaveLength(1);
    agent.action({ name: 'second', label: 'Second', handler: () => ({}) });
    await new Promise((r) => setTimeout(r, 60));
    expect(backend.reports).toHaveLength(2);
    expect(backend.reports[1].services[0].actions.map((a: { name: string }) => a.name)).toEqual(['first', 'second']);
    await agent.reportManifest(); // forced, even though nothing changed
    expect(backend.reports).toHaveLength(3);
    await agent.stop();
  });

  it('reportHealth() sends a heartbeat with health at once instead of at the next interval, coalescing calls', async () => {
    const backend = fakeBackend({ heartbeatCadence: [60] });
    const agent = make(backend.fetchImpl);
    let operation = 'IDLE';
    agent.health(() => ({ status: 'UP', details: { operationStatus: operation } }));
    const heartbeats = () => backend.heartbeatBodies.length;
    await agent.start();
    expect(heartbeats()).toBe(1);
    await new Promise((r) => setTimeout(r, 1100)); // past the one-second spacing; the 60 s interval is far away
    expect(heartbeats()).toBe(1);
    operation = 'RUNNING';
    agent.reportHealth();
    agent.reportHealth();
    await new Promise((r) => setTimeout(r, 150));
    expect(heartbeats()).toBe(2);
    expect(backend.heartbeatBodies[1].health).toEqual({ status: 'UP', details: { operationStatus: 'RUNNING' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(heartbeats()).toBe(2);
    await agent.stop();
  });

  it('stop() lets a running handler finish and sends its result before it resolves', async () => {
    const backend = fakeBackend({ commands: [{ id: 'cmd_1', agentId: 'agt_1', serviceId: 'svc_1', type: 'ACTION_EXECUTE', actionName: 'work', status: 'RUNNING', payload: {} }] });
    const agent = make(backend.fetchImpl);
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    agent.action({ name: 'work', label: 'Work', handler: async () => (started(), await new Promise((r) => setTimeout(r, 300)), { finished: true }) });
    await agent.start();
    await running;
    await agent.stop();
    expect(backend.results).toEqual([{ path: '/api/agents/agt_1/commands/cmd_1/result', body: expect.objectContaining({ success: true, data: { finished: true } }) }]);
    expect(agent.state).toBe('stopped');
  });
});
