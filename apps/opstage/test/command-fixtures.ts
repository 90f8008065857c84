import { MikroORM } from '@mikro-orm/sqlite';
import type { AgentStatus, DangerLevel } from '../../../libs/contracts/src';
import { Agent } from '../src/agents/agent.entity';
import { AgentToken } from '../src/agents/agent-token.entity';
import { ActionDefinition } from '../src/capsule-services/action-definition.entity';
import { CapsuleService } from '../src/capsule-services/capsule-service.entity';
import { newRawToken, sha256Hex } from '../src/crypto/secret-tokens';
import { newId } from '../src/ids/new-id';
import type { HttpResponse, TestServer } from './harness';

export interface ActionFixture {
  name: string;
  dangerLevel?: DangerLevel;
  requiresConfirmation?: boolean;
  inputSchema?: Record<string, unknown>;
  timeoutSeconds?: number | null;
}

export const ECHO_SCHEMA = {
  type: 'object',
  properties: {
    message: { type: 'string', maxLength: 200 },
    password: { type: 'string' },
    note: { type: 'string', format: 'textarea' },
    pin: { type: 'string', format: 'password' },
    count: { type: 'integer', minimum: 0, default: 3 },
  },
  required: ['message'],
  additionalProperties: false,
};

export const DEFAULT_ACTIONS: ActionFixture[] = [
  { name: 'echo', inputSchema: ECHO_SCHEMA },
  { name: 'danger', requiresConfirmation: true },
  { name: 'wipe', dangerLevel: 'HIGH' },
  { name: 'plain' },
];

/** An agent as the agents module would have registered it, with a bearer client over real HTTP. */
export class AgentFixture {
  constructor(
    private readonly server: TestServer,
    readonly agentId: string,
    readonly serviceId: string,
    readonly token: string,
  ) {}

  private get auth() {
    return { authorization: `Bearer ${this.token}` };
  }

  poll(query = ''): Promise<HttpResponse> {
    return this.server.request('GET', `/api/agents/${this.agentId}/commands${query}`, { headers: this.auth });
  }

  report(commandId: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResponse> {
    return this.server.request('POST', `/api/agents/${this.agentId}/commands/${commandId}/result`, { body, headers: { ...this.auth, ...headers } });
  }
}

/** Inserts an agent (+ token), one service and its actions directly, as another module's registration would. */
export async function createAgentWithService(
  server: TestServer,
  options: { code?: string; status?: AgentStatus; lastHeartbeatAt?: Date | null; actions?: ActionFixture[] } = {},
): Promise<AgentFixture> {
  const em = server.app.get(MikroORM).em.fork();
  const code = options.code ?? `agent-${Math.random().toString(36).slice(2, 10)}`;
  const agent = em.create(Agent, {
    id: newId('agt'),
    code,
    name: code,
    status: options.status ?? 'ONLINE',
    lastHeartbeatAt: options.lastHeartbeatAt === undefined ? new Date() : options.lastHeartbeatAt,
  });
  const token = newRawToken('opstage_agent_');
  em.create(AgentToken, { id: newId('tok'), agent, tokenHash: sha256Hex(token) });
  const service = em.create(CapsuleService, { id: newId('svc'), agent, code: `${code}-svc`, name: `${code} service` });
  for (const action of options.actions ?? DEFAULT_ACTIONS) {
    em.create(ActionDefinition, {
      id: newId('act'),
      service,
      name: action.name,
      label: action.name,
      dangerLevel: action.dangerLevel ?? 'LOW',
      requiresConfirmation: action.requiresConfirmation ?? false,
      inputSchema: action.inputSchema ?? {},
      timeoutSeconds: action.timeoutSeconds ?? null,
    });
  }
  await em.flush();
  return new AgentFixture(server, agent.id, service.id, token);
}

export function actionPath(serviceId: string, actionName: string): string {
  return `/api/admin/capsule-services/${serviceId}/actions/${actionName}`;
}
