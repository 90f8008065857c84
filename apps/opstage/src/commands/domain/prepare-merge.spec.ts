import { assertAgentReady } from './agent-readiness';
import { EphemeralSecretStore } from './ephemeral-secrets';
import type { ActionDefinitionDto } from '../../capsule-services/dto/capsule-service-detail.dto';
import { buildPreparedPanel, initialPayloadFromSchema, mergePreparedAction } from './prepare-merge';

const CATALOGUE: ActionDefinitionDto = {
  id: 'act_1',
  serviceId: 'svc_1',
  name: 'rotate',
  label: 'Rotate',
  description: null,
  dangerLevel: 'MEDIUM',
  requiresConfirmation: false,
  category: null,
  order: 1,
  inputSchema: { type: 'object', properties: { reason: { type: 'string' } } },
  timeoutSeconds: 30,
  enabled: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('prepare merge', () => {
  it('overlays the agent fields but keeps the identity fields', () => {
    const merged = mergePreparedAction(CATALOGUE, { id: 'act_evil', serviceId: 'svc_evil', name: 'other', enabled: false, createdAt: 'x', updatedAt: 'y', label: 'Rotate now', requiresConfirmation: true });
    expect(merged).toEqual({ ...CATALOGUE, label: 'Rotate now', requiresConfirmation: true });
  });

  it('ignores an overlay that is not an object and an inputSchema that is not an object', () => {
    expect(mergePreparedAction(CATALOGUE, 'nope')).toEqual(CATALOGUE);
    expect(mergePreparedAction(CATALOGUE, { inputSchema: 'bad' }).inputSchema).toEqual(CATALOGUE.inputSchema);
  });

  it('builds the initial payload from defaults, else an empty value per type', () => {
    const schema = {
      properties: { s: { type: 'string' }, n: { type: 'number' }, i: { type: 'integer', default: 7 }, b: { type: 'boolean' }, a: { type: 'array' }, o: { type: 'object' }, d: { type: 'string', default: 'x' } },
    };
    expect(initialPayloadFromSchema(schema)).toEqual({ s: '', n: 0, i: 7, b: false, a: [], o: {}, d: 'x' });
    expect(initialPayloadFromSchema(undefined)).toEqual({});
  });

  it("uses the agent's initialPayload and currentState when given, and the merged schema otherwise", () => {
    const given = buildPreparedPanel(CATALOGUE, { initialPayload: { reason: 'r' }, currentState: { keys: 2 } });
    expect(given.initialPayload).toEqual({ reason: 'r' });
    expect(given.currentState).toEqual({ keys: 2 });
    const derived = buildPreparedPanel(CATALOGUE, { action: { inputSchema: { properties: { ttl: { type: 'integer', default: 60 } } } } });
    expect(derived.initialPayload).toEqual({ ttl: 60 });
    expect(derived.currentState).toEqual({});
    expect(derived.action.inputSchema).toEqual({ properties: { ttl: { type: 'integer', default: 60 } } });
  });
});

describe('agent readiness', () => {
  const now = new Date('2026-06-01T12:00:00.000Z');
  const fresh = new Date(now.getTime() - 10_000);
  const codeOf = (fn: () => void) => {
    try {
      fn();
      return null;
    } catch (error) {
      return { code: (error as { code: string }).code, status: (error as { status: number }).status };
    }
  };

  it('answers 409 with the agent-specific code', () => {
    expect(codeOf(() => assertAgentReady(null, 90, now))).toEqual({ code: 'AGENT_NOT_FOUND', status: 409 });
    expect(codeOf(() => assertAgentReady({ status: 'OFFLINE', lastHeartbeatAt: fresh }, 90, now))).toEqual({ code: 'AGENT_OFFLINE', status: 409 });
    expect(codeOf(() => assertAgentReady({ status: 'DISABLED', lastHeartbeatAt: fresh }, 90, now))).toEqual({ code: 'AGENT_DISABLED', status: 409 });
    expect(codeOf(() => assertAgentReady({ status: 'REVOKED', lastHeartbeatAt: fresh }, 90, now))).toEqual({ code: 'AGENT_REVOKED', status: 409 });
    expect(codeOf(() => assertAgentReady({ status: 'ONLINE', lastHeartbeatAt: null }, 90, now))).toEqual({ code: 'AGENT_NOT_READY', status: 409 });
    expect(codeOf(() => assertAgentReady({ status: 'ONLINE', lastHeartbeatAt: new Date(now.getTime() - 91_000) }, 90, now))).toEqual({ code: 'AGENT_HEARTBEAT_STALE', status: 409 });
    expect(codeOf(() => assertAgentReady({ status: 'ONLINE', lastHeartbeatAt: fresh }, 90, now))).toBeNull();
  });
});

describe('ephemeral generatedKey store', () => {
  it('hands a secret out once and forgets it after five minutes', () => {
    const store = new EphemeralSecretStore();
    store.stash('cmd_a', 'key-a', 0);
    expect(store.take('cmd_a', 1000)).toBe('key-a');
    expect(store.take('cmd_a', 1000)).toBeUndefined();
    store.stash('cmd_b', 'key-b', 0);
    expect(store.take('cmd_b', 5 * 60 * 1000)).toBeUndefined();
  });
});
