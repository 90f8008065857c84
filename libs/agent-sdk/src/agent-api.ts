import {
  agentHeartbeat,
  createClient,
  createConfig,
  pollAgentCommands,
  publishBusEvent,
  registerAgent,
  reportAgentServices,
  reportCommandResult,
  type AgentCadenceDto,
  type CapsuleServiceDto,
  type CommandDto,
  type RegisterAgentDto,
  type RegisterAgentResponseDto,
  type ReportCommandResultDto,
  type ReportedServiceDto,
  type HeartbeatDto,
  type PublishBusEventDto,
  type PublishBusEventResultDto,
} from '../../agent-client/src';
import { AgentAuthError, AgentDisabledError, ApiRequestError, BusDisabledError, BusRateLimitedError, CapsuleAgentError, NetworkError, RegistrationError } from './errors';

type Client = ReturnType<typeof createClient>;
type Outcome = { data?: unknown; error?: unknown; response?: Response };

const REQUEST_TIMEOUT_MS = 15_000;

export interface PolledCommands {
  commands: CommandDto[];
  cancelledCommandIds: string[];
}

/** The agent API over the generated client, with every failure turned into one of the SDK's typed errors. */
export class AgentApi {
  private readonly client: Client;
  private credentials?: { agentId: string; token: string };

  constructor(
    readonly backendUrl: string,
    fetchImpl?: typeof fetch,
  ) {
    this.client = createClient(createConfig({ baseUrl: backendUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) }));
  }

  useCredentials(agentId: string, token: string): void {
    this.credentials = { agentId, token };
  }

  async register(body: RegisterAgentDto, signal?: AbortSignal): Promise<RegisterAgentResponseDto> {
    const outcome = await registerAgent({ client: this.client, body, signal: withTimeout(signal) });
    return (this.unwrap(outcome, 'register') as { data: RegisterAgentResponseDto }).data;
  }

  async heartbeat(body: HeartbeatDto, signal?: AbortSignal): Promise<AgentCadenceDto> {
    const { agentId, headers } = this.auth();
    const outcome = await agentHeartbeat({ client: this.client, path: { agentId }, body, headers, signal: withTimeout(signal) });
    return (this.unwrap(outcome) as { data: AgentCadenceDto }).data;
  }

  async reportServices(services: ReportedServiceDto[], signal?: AbortSignal): Promise<CapsuleServiceDto[]> {
    const { agentId, headers } = this.auth();
    const outcome = await reportAgentServices({ client: this.client, path: { agentId }, body: { services }, headers, signal: withTimeout(signal) });
    return (this.unwrap(outcome) as { data: { services: CapsuleServiceDto[] } }).data.services;
  }

  async pollCommands(limit: number, waitSeconds: number, signal?: AbortSignal): Promise<PolledCommands> {
    const { agentId, headers } = this.auth();
    const outcome = await pollAgentCommands({
      client: this.client,
      path: { agentId },
      query: { limit, ...(waitSeconds > 0 ? { waitSeconds } : {}) },
      headers,
      signal: withTimeout(signal, REQUEST_TIMEOUT_MS + waitSeconds * 1000),
    });
    const body = this.unwrap(outcome) as { data: CommandDto[]; cancelledCommandIds?: string[] };
    return { commands: body.data ?? [], cancelledCommandIds: body.cancelledCommandIds ?? [] };
  }

  /** The command id is the idempotency key, so a retry after a lost response returns the first outcome, not 409. */
  async reportResult(commandId: string, body: ReportCommandResultDto, signal?: AbortSignal): Promise<void> {
    const { agentId, headers } = this.auth();
    const outcome = await reportCommandResult({
      client: this.client,
      path: { agentId, commandId },
      body,
      headers: { ...headers, 'Idempotency-Key': `result-${commandId}` },
      signal: withTimeout(signal),
    });
    this.unwrap(outcome);
  }

  /**
   * The bus ingest endpoint (v0.4). A 404 whose code is CAPSULE_BUS_DISABLED (or a pre-0.4 backend's plain 404) is
   * BusDisabledError, permanent; 429 is BusRateLimitedError; other refusals (unknown source, depth, payload) are
   * ApiRequestError with the server's code.
   */
  async publishBusEvent(body: PublishBusEventDto, signal?: AbortSignal): Promise<PublishBusEventResultDto> {
    const { agentId, headers } = this.auth();
    const outcome = await publishBusEvent({ client: this.client, path: { agentId }, body, headers, signal: withTimeout(signal) });
    const status = outcome.response?.status;
    if (status === 404 || status === 429) {
      const failure = errorFields(outcome.error);
      if (status === 429) throw new BusRateLimitedError(failure.message ?? 'bus ingest rate limit reached', failure.code ?? 'BUS_RATE_LIMITED', 429);
      if (!failure.code || failure.code === 'CAPSULE_BUS_DISABLED' || failure.code === 'NOT_FOUND') {
        throw new BusDisabledError(failure.message ?? 'the Capsule Bus is disabled on this backend', failure.code ?? 'CAPSULE_BUS_DISABLED', 404);
      }
    }
    return (this.unwrap(outcome) as { data: PublishBusEventResultDto }).data;
  }

  private auth(): { agentId: string; headers: Record<string, string> } {
    if (!this.credentials) throw new CapsuleAgentError('the agent has no token yet', 'AGENT_NOT_REGISTERED');
    return { agentId: this.credentials.agentId, headers: { Authorization: `Bearer ${this.credentials.token}` } };
  }

  private unwrap(outcome: Outcome, operation?: 'register'): unknown {
    const { response } = outcome;
    if (!response) {
      const cause = outcome.error;
      const message = cause instanceof Error ? cause.message : 'request failed';
      throw new NetworkError(`cannot reach Opstage at ${this.backendUrl}: ${message}`, isTimeout(cause) ? 'TIMEOUT' : 'NETWORK_ERROR', undefined, { cause });
    }
    if (response.ok) return outcome.data;
    const { code, message } = errorFields(outcome.error);
    const text = `${message ?? response.statusText} (${code ?? response.status})`;
    if (response.status >= 500 || response.status === 408) throw new NetworkError(`Opstage answered ${response.status}: ${text}`, code, response.status);
    if (response.status === 401) {
      if (operation === 'register') throw new RegistrationError(`registration refused: ${text}`, code, 401);
      throw new AgentAuthError(`agent token refused: ${text}`, code, 401);
    }
    if (response.status === 403 && code === 'AGENT_DISABLED') throw new AgentDisabledError(`agent disabled: ${text}`, code, 403);
    if (response.status === 403 && (code === 'AGENT_REVOKED' || code === 'AGENT_ID_MISMATCH')) throw new AgentAuthError(`agent refused: ${text}`, code, 403);
    if (operation === 'register' && response.status === 409) throw new RegistrationError(`registration refused: ${text}`, code, 409);
    throw new ApiRequestError(`Opstage refused the request: ${text}`, code, response.status);
  }
}

function errorFields(body: unknown): { code?: string; message?: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return { code: typeof error?.code === 'string' ? error.code : undefined, message: typeof error?.message === 'string' ? error.message : undefined };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function withTimeout(signal: AbortSignal | undefined, ms = REQUEST_TIMEOUT_MS): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}
