import { MikroORM } from '@mikro-orm/sqlite';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Command } from '../src/commands/command.entity';
import { CommandMaintenance } from '../src/commands/command-maintenance';
import { OperationalCounters } from '../src/metrics/operational-counters';
import { AdminClient, TestServer } from './harness';
import { actionPath, createAgentWithService } from './command-fixtures';

/** Limits that need their own configuration: a 1 s prepare timeout, one prepare in flight, 120-byte results. */
describe('command limits over real HTTP', () => {
  let server: TestServer;
  let owner: AdminClient;
  const orm = () => server.app.get(MikroORM).em.fork();

  beforeAll(async () => {
    server = await new TestServer({ OPSTAGE_PREPARE_TIMEOUT_SECONDS: '1', OPSTAGE_PREPARE_MAX_IN_FLIGHT: '1', OPSTAGE_COMMAND_RESULT_MAX_BYTES: '120' }).start();
    owner = await server.owner();
  });
  afterAll(() => server.stop());

  it('a prepare nobody answers times out with 408 and the command EXPIRED; a second prepare meanwhile is 429', async () => {
    const agent = await createAgentWithService(server);
    const started = performance.now();
    const pending = owner.get(actionPath(agent.serviceId, 'plain'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const busy = await owner.get(actionPath(agent.serviceId, 'plain'));
    expect([busy.status, busy.body.error.code]).toEqual([429, 'ACTION_PREPARE_BUSY']);
    const timedOut = await pending;
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(timedOut.status).toBe(408);
    expect(timedOut.body.error).toMatchObject({
      code: 'ACTION_PREPARE_TIMEOUT',
      details: { commandStatus: 'EXPIRED', actionName: 'plain', agentId: agent.agentId, serviceId: agent.serviceId },
    });
    const command = await orm().findOneOrFail(Command, { id: timedOut.body.error.details.commandId });
    expect([command.status, command.errorCode]).toEqual(['EXPIRED', 'ACTION_PREPARE_TIMEOUT']);
    // the slot is free again, and the expired prepare is never handed to the agent
    expect((await agent.poll()).body.data).toEqual([]);
  });

  it('rejects an oversized result with 413 and counts it', async () => {
    const agent = await createAgentWithService(server);
    const counters = server.app.get(OperationalCounters);
    const before = counters.snapshot().oversizedCommandResultsRejected;
    const id = (await owner.post(actionPath(agent.serviceId, 'plain'), {})).body.data.id;
    await agent.poll();
    const tooBig = await agent.report(id, { success: true, message: 'x'.repeat(200) });
    expect([tooBig.status, tooBig.body.error.code]).toEqual([413, 'COMMAND_RESULT_TOO_LARGE']);
    expect(counters.snapshot().oversizedCommandResultsRejected).toBe(before + 1);
    expect((await agent.report(id, { success: true, message: 'ok' })).status).toBe(200);
    expect(counters.snapshot().agentCommandPolls).toBeGreaterThanOrEqual(1);
    expect(counters.snapshot().commandsCompleted).toBeGreaterThanOrEqual(1);
  });

  it('the expiry sweep expires overdue PENDING and RUNNING commands, drops their sealed secrets and audits the count', async () => {
    const agent = await createAgentWithService(server);
    const pendingId = (await owner.post(actionPath(agent.serviceId, 'echo'), { payload: { message: 'm', password: 'sweep-secret' } })).body.data.id;
    const runningId = (await owner.post(actionPath(agent.serviceId, 'plain'), {})).body.data.id;
    const freshId = (await owner.post(actionPath(agent.serviceId, 'plain'), {})).body.data.id;
    const em = orm();
    expect((await em.findOneOrFail(Command, { id: pendingId })).sealedSecrets).not.toBeNull();
    await em.nativeUpdate(Command, { id: runningId }, { status: 'RUNNING', startedAt: new Date() });
    const past = new Date(Date.now() - 1000);
    await em.nativeUpdate(Command, { id: { $in: [pendingId, runningId] } }, { expiresAt: past });

    expect(await server.app.get(CommandMaintenance).expireOverdue()).toBe(2);
    const rows = await orm().find(Command, { id: { $in: [pendingId, runningId, freshId] } });
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[pendingId]).toMatchObject({ status: 'EXPIRED', errorCode: 'COMMAND_EXPIRED', errorMessage: 'Command expired before completion.', sealedSecrets: null });
    expect(byId[runningId].status).toBe('EXPIRED');
    expect(byId[freshId].status).toBe('PENDING');
    const audit = await orm().find(AuditEvent, { action: 'system.command.expired' }, { orderBy: { createdAt: 'desc' }, limit: 1 });
    expect(audit[0].metadata).toMatchObject({ count: 2 });
    expect(await server.app.get(CommandMaintenance).expireOverdue()).toBe(0);
  });
});
