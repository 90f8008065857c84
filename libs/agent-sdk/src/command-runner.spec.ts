import type { CommandDto } from '../../agent-client/src';
import type { AgentApi } from './agent-api';
import { CommandRunner } from './command-runner';
import { ActionError, ApiRequestError, NetworkError } from './errors';
import { jsonLineLogger } from './logger';
import type { ActionDefinition } from './options';
import { ServiceCatalog } from './service-catalog';

const command = (id: string, actionName: string, payload: Record<string, unknown> = {}): CommandDto =>
  ({ id, agentId: 'agt_1', serviceId: 'svc_1', type: 'ACTION_EXECUTE', actionName, status: 'RUNNING', payload }) as CommandDto;

function setup(actions: ActionDefinition[], reportResult: (id: string, body: any) => Promise<void> = async () => {}, limits: { maxConcurrent?: number; maxResultBytes?: number } = {}) {
  const catalog = new ServiceCatalog([{ code: 'svc', name: 'Svc' }], 'embedded', () => {});
  catalog.remember([{ id: 'svc_1', code: 'svc' }]);
  for (const action of actions) catalog.get('svc').addAction(action);
  const reported: Array<{ id: string; body: any }> = [];
  const events: Array<Record<string, unknown>> = [];
  const errors: Error[] = [];
  const api = {
    reportResult: async (id: string, body: any) => {
      await reportResult(id, body);
      reported.push({ id, body });
    },
  } as unknown as AgentApi;
  const runner = new CommandRunner({
    api,
    catalog,
    logger: jsonLineLogger('silent'),
    maxConcurrent: limits.maxConcurrent ?? 2,
    maxResultBytes: limits.maxResultBytes ?? 1_000_000,
    backoff: { initialMs: 5, maxMs: 10 },
    stopSignal: new AbortController().signal,
    onEvent: (_event, detail) => events.push(detail),
    onFatal: (error) => errors.push(error),
    onError: (error) => errors.push(error),
  });
  const settled = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => (events.filter((e) => e.status).length >= count ? resolve() : setTimeout(check, 5));
      check();
    });
  return { runner, reported, events, errors, settled };
}

describe('CommandRunner', () => {
  it('reports the handler’s object as data, an ActionError with its code, anything else as ACTION_FAILED', async () => {
    const { runner, reported, settled } = setup([
      { name: 'ok', label: 'Ok', handler: (p) => ({ got: p.x }) },
      { name: 'coded', label: 'Coded', handler: () => { throw new ActionError('QUOTA_EXCEEDED', 'over quota', { password: 'p' }); } },
      { name: 'broken', label: 'Broken', handler: () => { throw new Error('boom'); } },
      { name: 'scalar', label: 'Scalar', handler: () => 42 },
    ]);
    for (const [id, name] of [['c1', 'ok'], ['c2', 'coded'], ['c3', 'broken'], ['c4', 'scalar'], ['c5', 'unknown']]) runner.accept(command(id, name, { x: 1 }));
    await settled(5);
    const byId = Object.fromEntries(reported.map((r) => [r.id, r.body]));
    expect(byId.c1).toMatchObject({ success: true, data: { got: 1 }, startedAt: expect.any(String), finishedAt: expect.any(String) });
    expect(byId.c2).toMatchObject({ success: false, error: { code: 'QUOTA_EXCEEDED', message: 'over quota', details: { password: '[REDACTED]' } } });
    expect(byId.c3).toMatchObject({ success: false, error: { code: 'ACTION_FAILED', message: 'boom' } });
    expect(byId.c4).toMatchObject({ success: true, data: { value: 42 } });
    expect(byId.c5).toMatchObject({ success: false, error: { code: 'ACTION_NOT_FOUND' } });
  });

  it('refuses an oversized result with a clear local error and reports the command FAILED instead', async () => {
    const { runner, reported, errors, settled } = setup([{ name: 'big', label: 'Big', handler: () => ({ blob: 'x'.repeat(5000) }) }], undefined, { maxResultBytes: 1000 });
    runner.accept(command('c1', 'big'));
    await settled(1);
    expect(reported[0].body).toMatchObject({ success: false, error: { code: 'COMMAND_RESULT_TOO_LARGE' } });
    expect(reported[0].body.data).toBeUndefined();
    expect(errors[0].message).toMatch(/is \d+ bytes; the limit is 1000/);
  });

  it('retries a result through network failures without running the handler again', async () => {
    let runs = 0;
    let failures = 2;
    const { runner, reported, settled } = setup([{ name: 'once', label: 'Once', handler: () => ({ run: ++runs }) }], async () => {
      if (failures-- > 0) throw new NetworkError('connection reset', 'NETWORK_ERROR');
    });
    runner.accept(command('c1', 'once'));
    await settled(1);
    expect(runs).toBe(1);
    expect(reported).toEqual([{ id: 'c1', body: expect.objectContaining({ success: true, data: { run: 1 } }) }]);
  });

  it('a command delivered again is re-reported from memory, not executed twice', async () => {
    let runs = 0;
    const { runner, reported, settled } = setup([{ name: 'once', label: 'Once', handler: () => ({ run: ++runs }) }]);
    runner.accept(command('c1', 'once'));
    await settled(1);
    runner.accept(command('c1', 'once'));
    await settled(2);
    expect(runs).toBe(1);
    expect(reported.map((r) => r.body.data)).toEqual([{ run: 1 }, { run: 1 }]);
  });

  it('cancel fires the handler’s signal and sends no result (the server already holds it CANCELLED)', async () => {
    let seen: unknown;
    const { runner, reported, events, settled } = setup([
      { name: 'slow', label: 'Slow', handler: (_p, { signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => { seen = signal.reason; reject(signal.reason); })) },
    ]);
    runner.accept(command('c1', 'slow'));
    runner.cancel(['c1']);
    await settled(1);
    expect((seen as Error).message).toBe('command cancelled');
    expect(reported).toEqual([]);
    expect(events.at(-1)).toEqual({ commandId: 'c1', status: 'CANCELLED' });
  });

  it('a handler past its timeoutSeconds is aborted and reported ACTION_TIMEOUT', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      let aborted = false;
      const { runner, reported } = setup([{ name: 'hang', label: 'Hang', timeoutSeconds: 5, handler: (_p, { signal }) => new Promise(() => signal.addEventListener('abort', () => (aborted = true))) }]);
      runner.accept(command('c1', 'hang'));
      await jest.advanceTimersByTimeAsync(5_001);
      expect(aborted).toBe(true);
      expect(reported[0].body).toMatchObject({ success: false, error: { code: 'ACTION_TIMEOUT' } });
    } finally {
      jest.useRealTimers();
    }
  });

  it('runs at most maxConcurrent handlers, holds one more, and starts it when a slot frees', async () => {
    const release: Array<() => void> = [];
    const started: string[] = [];
    const { runner, settled } = setup([{ name: 'wait', label: 'Wait', handler: (_p, ctx) => new Promise<object>((resolve) => { started.push(ctx.commandId); release.push(() => resolve({})); }) }], undefined, { maxConcurrent: 2 });
    runner.accept(command('c1', 'wait'));
    runner.accept(command('c2', 'wait'));
    expect(runner.canClaim).toBe(true);
    runner.accept(command('c3', 'wait'));
    expect(runner.canClaim).toBe(false);
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual(['c1', 'c2']);
    release[0]();
    await settled(1);
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual(['c1', 'c2', 'c3']);
    release[1]();
    release[2]();
    await settled(3);
  });

  it('a result the server refuses (409: cancelled or expired meanwhile) is not retried', async () => {
    let attempts = 0;
    const { runner, events, settled } = setup([{ name: 'ok', label: 'Ok', handler: () => ({}) }], async () => {
      attempts++;
      throw new ApiRequestError('already completed', 'COMMAND_ALREADY_COMPLETED', 409);
    });
    runner.accept(command('c1', 'ok'));
    await settled(1);
    expect(attempts).toBe(1);
    expect(events.at(-1)).toMatchObject({ status: 'REJECTED', errorCode: 'COMMAND_ALREADY_COMPLETED' });
  });
});
