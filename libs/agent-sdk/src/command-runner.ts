import type { CommandDto, ReportCommandResultDto } from '../../agent-client/src';
import type { AgentApi } from './agent-api';
import { Backoff } from './backoff';
import { runInCommandScope } from './command-scope';
import { ActionError, AgentAuthError, CapsuleAgentError, ResultTooLargeError } from './errors';
import type { AgentLogger } from './logger';
import type { ActionContext } from './options';
import { redactSecrets } from './redaction';
import type { ServiceCatalog } from './service-catalog';
import { settlesWithin, sleep } from './sleep';

const REMEMBERED_RESULTS = 500;

export interface CommandRunnerDeps {
  api: AgentApi;
  catalog: ServiceCatalog;
  logger: AgentLogger;
  maxConcurrent: number;
  maxResultBytes: number;
  backoff: { initialMs: number; maxMs: number };
  /** Aborted when the agent stops: result retries give up, handlers are told to stop. */
  stopSignal: AbortSignal;
  onEvent: (event: 'commandStarted' | 'commandCompleted', detail: Record<string, unknown>) => void;
  onFatal: (error: CapsuleAgentError) => void;
  onError: (error: CapsuleAgentError) => void;
}

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

/** Runs claimed commands concurrently up to a limit, each with an abort signal, a timeout and a reliably sent result. */
export class CommandRunner {
  private readonly running = new Map<string, Running>();
  /** Results already produced, so a command delivered again is re-reported instead of executed twice. */
  private readonly results = new Map<string, ReportCommandResultDto>();
  /** Claimed while every slot was busy (at most one: polling on keeps operator cancels flowing). */
  private readonly queued: CommandDto[] = [];
  private slotWaiters: Array<() => void> = [];

  constructor(private readonly deps: CommandRunnerDeps) {}

  get freeSlots(): number {
    return Math.max(0, this.deps.maxConcurrent - this.running.size - this.queued.length);
  }

  get inFlight(): number {
    return this.running.size + this.queued.length;
  }

  /** True while the agent can take one more command: a free slot, or room for the single queued one. */
  get canClaim(): boolean {
    return this.inFlight < this.deps.maxConcurrent + 1;
  }

  /** Resolves when another command can be claimed (or at once). */
  async waitForSlot(signal: AbortSignal): Promise<void> {
    while (!this.canClaim && !signal.aborted) {
      await new Promise<void>((resolve) => {
        this.slotWaiters.push(resolve);
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    }
  }

  accept(command: CommandDto): void {
    if (this.running.has(command.id) || this.queued.some((q) => q.id === command.id)) return;
    const earlier = this.results.get(command.id);
    if (earlier) {
      this.deps.logger.warn('command delivered again; re-reporting its result without running it', { commandId: command.id });
      void this.report(command, earlier);
      return;
    }
    if (this.running.size >= this.deps.maxConcurrent) {
      this.queued.push(command);
      return;
    }
    this.launch(command);
  }

  private launch(command: CommandDto): void {
    const controller = new AbortController();
    const done = this.execute(command, controller).finally(() => {
      this.running.delete(command.id);
      const next = this.queued.shift();
      if (next) this.launch(next);
      const waiters = this.slotWaiters;
      this.slotWaiters = [];
      for (const wake of waiters) wake();
    });
    this.running.set(command.id, { controller, done });
  }

  /** An operator cancelled these: their handlers' signals fire; the server already holds them CANCELLED. */
  cancel(commandIds: string[]): void {
    for (const id of commandIds) {
      const waiting = this.queued.findIndex((q) => q.id === id);
      if (waiting >= 0) {
        this.queued.splice(waiting, 1);
        this.deps.onEvent('commandCompleted', { commandId: id, status: 'CANCELLED' });
        continue;
      }
      const running = this.running.get(id);
      if (!running) continue;
      this.deps.logger.info('command cancelled by an operator', { commandId: id });
      running.controller.abort(new CommandAbort('cancelled'));
    }
  }

  /** Waits for running handlers up to `timeoutMs`, then aborts the rest (their results are still reported as FAILED). */
  async drain(timeoutMs: number): Promise<void> {
    this.queued.length = 0; // never started: the server expires them by their TTL
    const all = Promise.all([...this.running.values()].map((r) => r.done));
    if (await settlesWithin(all, timeoutMs)) return;
    for (const running of this.running.values()) running.controller.abort(new CommandAbort('stopping'));
    await settlesWithin(all, 2_000);
  }

  private async execute(command: CommandDto, controller: AbortController): Promise<void> {
    const startedAt = new Date();
    const entry = this.deps.catalog.byServiceId(command.serviceId);
    const action = entry?.actions.get(command.actionName);
    this.deps.onEvent('commandStarted', { commandId: command.id, type: command.type, actionName: command.actionName });
    let result: ReportCommandResultDto;
    if (!entry || !action) {
      result = failure('ACTION_NOT_FOUND', `this agent has no action ${command.actionName} on service ${command.serviceId}`);
    } else if (action.enabled === false) {
      result = failure('ACTION_DISABLED', `action ${command.actionName} is disabled`);
    } else {
      const timeoutMs = (action.timeoutSeconds ?? 0) > 0 ? action.timeoutSeconds! * 1000 : undefined;
      const timer = timeoutMs ? setTimeout(() => controller.abort(new CommandAbort('timeout')), timeoutMs) : undefined;
      const context: ActionContext = { commandId: command.id, actionName: command.actionName, serviceCode: entry.options.code, signal: controller.signal, logger: this.deps.logger };
      try {
        const bus = command as CommandDto & { causationEventId?: string | null; correlationId?: string | null };
        const scope = { commandId: command.id, serviceCode: entry.options.code, causationEventId: bus.causationEventId ?? undefined, correlationId: bus.correlationId ?? undefined };
        const run = runInCommandScope(scope, () =>
          command.type === 'ACTION_PREPARE' ? (action.prepare ? action.prepare(command.payload ?? {}, context) : {}) : action.handler(command.payload ?? {}, context),
        );
        const value = await untilAborted(Promise.resolve(run), controller.signal);
        result = { success: true, data: asData(value) };
      } catch (error) {
        result = toFailure(error, controller.signal);
      } finally {
        clearTimeout(timer);
      }
    }
    if (controller.signal.reason instanceof CommandAbort && controller.signal.reason.why === 'cancelled') {
      // The server moved it to CANCELLED when the operator asked; a result now would only be refused with 409.
      this.deps.onEvent('commandCompleted', { commandId: command.id, status: 'CANCELLED' });
      return;
    }
    result = this.fitToLimit(command, { ...result, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString() });
    this.remember(command.id, result);
    await this.report(command, result);
  }

  private fitToLimit(command: CommandDto, result: ReportCommandResultDto): ReportCommandResultDto {
    const size = Buffer.byteLength(JSON.stringify({ message: result.message, data: result.data, error: result.error }));
    if (size <= this.deps.maxResultBytes) return result;
    const error = new ResultTooLargeError(`the result of ${command.actionName} is ${size} bytes; the limit is ${this.deps.maxResultBytes}`, 'COMMAND_RESULT_TOO_LARGE');
    this.deps.logger.error(error.message, { commandId: command.id });
    this.deps.onError(error);
    return { ...failure('COMMAND_RESULT_TOO_LARGE', error.message), startedAt: result.startedAt, finishedAt: result.finishedAt };
  }

  /** Sends the result, retrying network failures with backoff; the idempotency key makes a repeat harmless. */
  private async report(command: CommandDto, result: ReportCommandResultDto): Promise<void> {
    const backoff = new Backoff(this.deps.backoff);
    for (;;) {
      try {
        await this.deps.api.reportResult(command.id, result);
        this.deps.onEvent('commandCompleted', { commandId: command.id, status: result.success ? 'SUCCEEDED' : 'FAILED', errorCode: (result.error as { code?: string } | undefined)?.code });
        return;
      } catch (error) {
        if (error instanceof AgentAuthError) return this.deps.onFatal(error);
        if (!(error instanceof CapsuleAgentError) || !error.retryable) {
          // 409: the command is already terminal (cancelled or expired meanwhile). Nothing to retry.
          this.deps.logger.warn('command result not accepted', { commandId: command.id, code: (error as CapsuleAgentError).code, error: (error as Error).message });
          this.deps.onEvent('commandCompleted', { commandId: command.id, status: 'REJECTED', errorCode: (error as CapsuleAgentError).code });
          return;
        }
        if (this.deps.stopSignal.aborted && backoff.consecutiveFailures >= 3) {
          this.deps.logger.error('giving up on a command result while stopping', { commandId: command.id });
          return;
        }
        const delay = backoff.next();
        this.deps.logger.warn('command result not delivered; retrying', { commandId: command.id, retryInMs: delay, error: error.message });
        await sleep(delay);
      }
    }
  }

  private remember(commandId: string, result: ReportCommandResultDto): void {
    this.results.set(commandId, result);
    if (this.results.size > REMEMBERED_RESULTS) this.results.delete(this.results.keys().next().value!);
  }
}

/** Why a handler's signal fired. */
export class CommandAbort extends Error {
  constructor(readonly why: 'cancelled' | 'timeout' | 'stopping') {
    super(`command ${why}`);
    this.name = 'CommandAbort';
  }
}

function failure(code: string, message: string, details?: Record<string, unknown>): ReportCommandResultDto {
  return { success: false, message, error: { code, message, ...(details ? { details: redactSecrets(details) } : {}) } };
}

function toFailure(error: unknown, signal: AbortSignal): ReportCommandResultDto {
  const reason = signal.reason;
  if (signal.aborted && reason instanceof CommandAbort) {
    if (reason.why === 'timeout') return failure('ACTION_TIMEOUT', 'the action ran past its timeoutSeconds');
    if (reason.why === 'stopping') return failure('AGENT_STOPPING', 'the agent stopped before the action finished');
  }
  if (error instanceof ActionError) return failure(error.code.slice(0, 80), error.message, error.details);
  return failure('ACTION_FAILED', error instanceof Error ? error.message : String(error));
}

function asData(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}

/** The handler's promise, or a rejection as soon as the signal fires (a handler that ignores its signal is not awaited). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
