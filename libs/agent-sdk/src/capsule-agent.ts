import { EventEmitter } from 'node:events';
import { AgentApi } from './agent-api';
import { Backoff } from './backoff';
import { CommandRunner } from './command-runner';
import { AgentAuthError, AgentConfigurationError, AgentDisabledError, ApiRequestError, CapsuleAgentError, RegistrationError } from './errors';
import { jsonLineLogger, parseLogLevel, safeLogger, type AgentLogger } from './logger';
import { resolveOptions, type ActionDefinition, type CapsuleAgentOptions, type HealthReport, type ResolvedOptions } from './options';
import { ServiceCatalog, type ConfigProvider, type HealthProvider, type ServiceEntry } from './service-catalog';
import { settlesWithin, sleep, wakeableSleep } from './sleep';
import { FileTokenStore } from './token-store';
import { currentCommand } from './command-scope';
import { BusForwarder } from './bus-forwarder';
import type { PublishBusEventResultDto } from '../../agent-client/src';

export interface BusEventOptions {
  /** Idempotency key: the backend accepts one event per id from this agent. */
  eventId?: string;
  correlationId?: string;
  /** The `bev_…` event that caused this one (filled in by itself inside a bus-created command's handler). */
  causationId?: string;
  /** Default: the service of the running handler, else the primary service. */
  sourceServiceCode?: string;
  occurredAt?: Date;
  metadata?: Record<string, unknown>;
  /** Ask the backend to match routes without dispatching. */
  dryRun?: boolean;
}

export type AgentState = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

/** Declares the actions and providers of one service of an OpHub agent. */
export interface ServiceHandle {
  action(definition: ActionDefinition): ServiceHandle;
  health(provider: HealthProvider): ServiceHandle;
  configs(provider: ConfigProvider): ServiceHandle;
}

interface Cadence {
  heartbeatMs: number;
  commandPollMs: number;
  maxWaitSeconds: number;
}

/**
 * The embedded Capsule agent. Registers once (the agent token is kept in a 0600 file), then heartbeats with health,
 * reports its services when they change, long-polls for commands and runs their handlers. Nothing it does throws into
 * the host: failures are logged, emitted as `error` events (only when someone listens) and retried with backoff.
 *
 * Events: `stateChange` (state), `registered` ({agentId}), `connected`, `disconnected` (error), `commandStarted` and
 * `commandCompleted` ({commandId, status, …}), `error` (CapsuleAgentError).
 */
export class CapsuleAgent extends EventEmitter {
  private readonly options: ResolvedOptions;
  private readonly logger: AgentLogger;
  private readonly api: AgentApi;
  private readonly tokens: FileTokenStore;
  private readonly catalog: ServiceCatalog;
  private runner!: CommandRunner;
  private stopController = new AbortController();
  private lifecycle?: Promise<void>;
  private cadence: Cadence;
  private reportedFingerprint?: string;
  private reportNow?: () => void;
  /** Set by {@link reportHealth}: the heartbeat loop sends at once instead of waiting out its interval. */
  private healthDue = false;
  private wakeHeartbeat?: () => void;
  private lastHeartbeatAt = 0;
  private online = false;
  private currentState: AgentState = 'idle';
  private id?: string;

  constructor(options: CapsuleAgentOptions = {}) {
    super();
    this.options = resolveOptions(options);
    this.logger = options.logger ? safeLogger(options.logger) : jsonLineLogger(options.logLevel ?? parseLogLevel(process.env.OPSTAGE_LOG_LEVEL));
    this.api = new AgentApi(this.options.backendUrl, options.fetch);
    this.tokens = new FileTokenStore(this.options.tokenFile, (message, meta) => this.logger.warn(message, meta));
    this.catalog = new ServiceCatalog(this.options.services, this.options.agent.mode, () => this.reportNow?.());
    this.cadence = { heartbeatMs: this.options.heartbeatMs, commandPollMs: this.options.commandPollMs, maxWaitSeconds: 30 };
  }

  get state(): AgentState {
    return this.currentState;
  }

  get agentId(): string | undefined {
    return this.id;
  }

  /** The heartbeat and poll cadence in force (the server's, once it has answered). */
  get intervals(): Readonly<Cadence> {
    return { ...this.cadence };
  }

  action(definition: ActionDefinition): this {
    this.handle(this.primary()).action(definition);
    return this;
  }

  health(provider: HealthProvider): this {
    this.handle(this.primary()).health(provider);
    return this;
  }

  configs(provider: ConfigProvider): this {
    this.handle(this.primary()).configs(provider);
    return this;
  }

  /** One service of an OpHub agent (or the embedded one, by its code). */
  service(code: string): ServiceHandle {
    return this.handle(this.catalog.get(code));
  }

  private handle(entry: ServiceEntry): ServiceHandle {
    const handle: ServiceHandle = {
      action: (definition) => (entry.addAction(definition), handle),
      health: (provider) => ((entry.healthProvider = provider), handle),
      configs: (provider) => ((entry.configProvider = provider), this.reportNow?.(), handle),
    };
    return handle;
  }

  /**
   * Connects and starts the loops. Resolves once connected, or, when the backend cannot be reached yet, at the first
   * failure while it keeps retrying in the background. A refused registration or agent token rejects only in
   * `strictMode`; otherwise it is logged and emitted and the host runs on.
   */
  start(): Promise<void> {
    if (this.currentState === 'starting' || this.currentState === 'running') return Promise.resolve();
    this.stopController = new AbortController();
    this.runner = new CommandRunner({
      api: this.api,
      catalog: this.catalog,
      logger: this.logger,
      maxConcurrent: this.options.maxConcurrentCommands,
      maxResultBytes: this.options.maxResultBytes,
      backoff: this.options.backoff,
      stopSignal: this.stopController.signal,
      onEvent: (event, detail) => this.emit(event, detail),
      onFatal: (error) => this.fail(error),
      onError: (error) => this.report(error),
    });
    this.setState('starting');
    return new Promise<void>((resolve, reject) => {
      this.lifecycle = this.run(resolve, reject).catch((error) => this.fail(error instanceof CapsuleAgentError ? error : new CapsuleAgentError(String(error))));
    });
  }

  /** Stops polling, lets running handlers finish (up to `stopTimeoutMs`) and flushes their results. Never hangs. */
  async stop(): Promise<void> {
    if (this.currentState === 'idle' || this.currentState === 'stopped') return;
    const failed = this.currentState === 'failed';
    this.setState('stopping');
    this.stopController.abort();
    await this.runner?.drain(this.options.stopTimeoutMs);
    await settlesWithin(this.lifecycle, this.options.stopTimeoutMs);
    this.setState(failed ? 'failed' : 'stopped');
  }

  /** Sends the service report now (after the catalog changed at run time). */
  async reportManifest(): Promise<void> {
    await this.sendReport(true);
  }

  /**
   * Publishes an event to the Capsule Bus (v0.4, experimental). Inside a handler of a bus-created command the
   * causation is filled in by itself. Rejects with BusDisabledError when the backend's bus is off.
   */
  async publishBusEvent(eventType: string, payload: Record<string, unknown>, options: BusEventOptions = {}): Promise<PublishBusEventResultDto> {
    const current = currentCommand();
    const sourceServiceCode = options.sourceServiceCode ?? current?.serviceCode ?? this.primary().options.code;
    const causationId = options.causationId ?? current?.causationEventId;
    return this.api.publishBusEvent(
      {
        eventType,
        sourceServiceCode,
        payload,
        occurredAt: (options.occurredAt ?? new Date()).toISOString(),
        ...(options.eventId ? { eventId: options.eventId } : {}),
        ...(options.correlationId ?? current?.correlationId ? { correlationId: options.correlationId ?? current?.correlationId } : {}),
        ...(causationId ? { causationId } : {}),
        ...(options.metadata ? { metadata: options.metadata } : {}),
        ...(options.dryRun ? { routePolicy: { dryRun: true } } : {}),
      },
      this.stopController.signal,
    );
  }

  /** The published docs' name for {@link publishBusEvent}. */
  publishEvent(eventType: string, payload: Record<string, unknown>, options?: BusEventOptions): Promise<PublishBusEventResultDto> {
    return this.publishBusEvent(eventType, payload, options);
  }

  /**
   * Sends a heartbeat with health now instead of at the next interval, e.g. when a long operation starts or ends, so
   * the console shows it at once. Calls are coalesced, at most one early heartbeat a second; never throws.
   */
  reportHealth(): void {
    this.healthDue = true;
    this.wakeHeartbeat?.();
  }

  /** Runs the primary service's health provider now. */
  async runHealth(): Promise<HealthReport> {
    return (await this.primary().health()) ?? { status: 'UNKNOWN', message: 'no health provider' };
  }

  private async run(resolve: () => void, reject: (error: Error) => void): Promise<void> {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve();
    };
    const backoff = new Backoff(this.options.backoff);
    while (!this.stopped) {
      try {
        await this.connect();
        break;
      } catch (error) {
        if (this.stopped) break;
        if (this.isFatal(error, true)) {
          this.fail(error as CapsuleAgentError);
          settle(this.options.strictMode ? (error as Error) : undefined);
          return;
        }
        this.markOffline(error);
        if (this.options.strictMode && backoff.consecutiveFailures >= 4) {
          settle(error as Error);
          this.setState('failed');
          return;
        }
        if (!this.options.strictMode) settle();
        await sleep(backoff.next(), this.stopController.signal);
      }
    }
    if (this.stopped) return settle();
    this.setState('running');
    settle();
    await Promise.all([this.heartbeatLoop(), this.reportLoop(), this.pollLoop(), ...this.busForwarders()]);
  }

  /** One forwarding loop per service with a local bus adapter (OpHub thin forwarding). */
  private busForwarders(): Promise<void>[] {
    return this.options.services
      .filter((service) => service.busAdapter)
      .map((service) =>
        new BusForwarder(
          service.code,
          service.busAdapter!,
          (event, sourceServiceCode, signal) =>
            this.api.publishBusEvent(
              {
                eventType: event.eventType,
                sourceServiceCode,
                eventId: event.eventId,
                ...(event.payload ? { payload: event.payload } : {}),
                ...(event.metadata ? { metadata: event.metadata } : {}),
                ...(event.correlationId ? { correlationId: event.correlationId } : {}),
                ...(event.causationId ? { causationId: event.causationId } : {}),
                ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
              },
              signal,
            ),
          this.logger,
          (error) => this.report(error instanceof CapsuleAgentError ? error : new CapsuleAgentError(error.message, 'BUS_FORWARD_FAILED', undefined, { cause: error })),
        ).run(this.stopController.signal),
      );
  }

  /** Uses the stored token, or registers with the registration token; then reports the services. */
  private async connect(): Promise<void> {
    const stored = this.tokens.load();
    if (stored) {
      if (stored.backendUrl && stored.backendUrl !== this.options.backendUrl) this.logger.warn('the token file was written for another backend URL', { stored: stored.backendUrl, configured: this.options.backendUrl });
      this.api.useCredentials(stored.agentId, stored.agentToken);
      this.id = stored.agentId;
    } else {
      await this.register();
    }
    try {
      await this.sendReport(true);
    } catch (error) {
      // A refused stored token: with a registration token configured the agent enrols again (an operator's choice).
      if (!(stored && error instanceof AgentAuthError && this.options.registrationToken)) throw error;
      this.logger.warn('the stored agent token was refused; registering again with the registration token', { code: error.code });
      await this.register();
      await this.sendReport(true);
    }
    // Health right away, and the server's cadence before the first interval (a restart with a stored token has none yet).
    await this.sendHeartbeats();
    this.markOnline();
  }

  private async register(): Promise<void> {
    const registrationToken = this.options.registrationToken;
    if (!registrationToken) throw new AgentConfigurationError(`no agent token in ${this.options.tokenFile} and no registration token (OPSTAGE_REGISTRATION_TOKEN) to get one`, 'NO_CREDENTIALS');
    const { agent } = this.options;
    const primary = this.options.agent.mode === 'embedded' ? [...this.catalog.services.values()][0] : undefined;
    const health = await primary?.health();
    const service = primary ? { ...(await primary.report(this.logger)), ...(health ? { health } : {}) } : undefined;
    const response = await this.api.register(
      { registrationToken, agent: { code: agent.code, mode: agent.mode, runtime: agent.runtime, ...(agent.name ? { name: agent.name } : {}) }, ...(service ? { service } : {}) },
      this.stopController.signal,
    );
    this.tokens.save({ agentId: response.agentId, agentToken: response.agentToken, backendUrl: this.options.backendUrl });
    this.api.useCredentials(response.agentId, response.agentToken);
    this.id = response.agentId;
    this.adoptCadence(response);
    this.logger.info('registered with Opstage', { agentId: response.agentId, tokenFile: this.options.tokenFile });
    this.emit('registered', { agentId: response.agentId });
  }

  /**
   * One background loop: `pause`, then `step`, until the agent stops. A failure marks the agent offline and is retried
   * after a backoff delay (at most `maxRetryDelayMs()` when given); a fatal one ends the agent.
   */
  private async keepRunning(step: () => Promise<void>, pause: (afterFailure: boolean) => Promise<void>, maxRetryDelayMs?: () => number): Promise<void> {
    const backoff = new Backoff(this.options.backoff);
    let failed = false;
    while (!this.stopped) {
      await pause(failed);
      if (this.stopped) return;
      try {
        await step();
        backoff.reset();
        failed = false;
        this.markOnline();
      } catch (error) {
        if (this.stopped) return;
        if (this.isFatal(error)) return this.fail(error as CapsuleAgentError);
        this.markOffline(error);
        failed = true;
        const delay = backoff.next();
        await sleep(maxRetryDelayMs ? Math.min(delay, maxRetryDelayMs()) : delay, this.stopController.signal);
      }
    }
  }

  /** Heartbeats at the server's cadence; after a failure, the retry takes the place of the next interval. */
  private heartbeatLoop(): Promise<void> {
    return this.keepRunning(
      () => this.sendHeartbeats(),
      (afterFailure) => (afterFailure ? Promise.resolve() : this.heartbeatPause()),
      () => this.cadence.heartbeatMs,
    );
  }

  /** The heartbeat interval, cut short by {@link reportHealth} (not sooner than a second after the last heartbeat). */
  private async heartbeatPause(): Promise<void> {
    if (!this.healthDue) {
      const pause = wakeableSleep(this.cadence.heartbeatMs, this.stopController.signal);
      this.wakeHeartbeat = pause.wake;
      await pause.done;
      this.wakeHeartbeat = undefined;
    }
    const spacing = this.lastHeartbeatAt + 1000 - Date.now();
    if (spacing > 0) await sleep(spacing, this.stopController.signal);
  }

  private async sendHeartbeats(): Promise<void> {
    this.healthDue = false;
    this.lastHeartbeatAt = Date.now();
    const services = [...this.catalog.services.values()].filter((entry) => entry.serviceId);
    if (!services.length) return this.adoptCadence(await this.api.heartbeat({}, this.stopController.signal));
    for (const entry of services) {
      const health = await entry.health();
      this.adoptCadence(await this.api.heartbeat({ serviceId: entry.serviceId, ...(health ? { health } : {}) }, this.stopController.signal));
    }
  }

  /** Checks the service report on its interval (or when told to) and sends it only when it changed. */
  private reportLoop(): Promise<void> {
    return this.keepRunning(
      async () => {
        try {
          await this.sendReport(false);
        } catch (error) {
          this.reportedFingerprint = undefined; // resend in full once the backend is back
          throw error;
        }
      },
      async () => {
        const pause = wakeableSleep(this.options.serviceReportMs, this.stopController.signal);
        this.reportNow = pause.wake;
        await pause.done;
        this.reportNow = undefined;
      },
    );
  }

  private async sendReport(force: boolean): Promise<void> {
    if (!this.catalog.services.size) return;
    const { services, fingerprint } = await this.catalog.report(this.logger);
    if (!force && fingerprint === this.reportedFingerprint) return;
    const stored = await this.api.reportServices(services, this.stopController.signal);
    this.catalog.remember(stored);
    this.reportedFingerprint = fingerprint;
    this.logger.debug('services reported', { services: stored.map((s) => s.code) });
  }

  /** Long-polls while a command slot is free; with long-polling off, pauses between empty polls at the server's cadence. */
  private pollLoop(): Promise<void> {
    return this.keepRunning(
      async () => {
        const waitSeconds = Math.min(this.options.longPollSeconds, this.cadence.maxWaitSeconds);
        const { commands, cancelledCommandIds } = await this.api.pollCommands(Math.max(1, this.runner.freeSlots), waitSeconds, this.stopController.signal);
        this.runner.cancel(cancelledCommandIds);
        for (const command of commands) this.runner.accept(command);
        if (waitSeconds === 0 && !commands.length) await sleep(this.cadence.commandPollMs * (0.8 + Math.random() * 0.4), this.stopController.signal);
      },
      () => this.runner.waitForSlot(this.stopController.signal),
    );
  }

  private adoptCadence(cadence: { heartbeatIntervalSeconds?: number; commandPollIntervalSeconds?: number; maxCommandWaitSeconds?: number }): void {
    if (cadence.heartbeatIntervalSeconds && cadence.heartbeatIntervalSeconds > 0) this.cadence.heartbeatMs = cadence.heartbeatIntervalSeconds * 1000;
    if (cadence.commandPollIntervalSeconds && cadence.commandPollIntervalSeconds > 0) this.cadence.commandPollMs = cadence.commandPollIntervalSeconds * 1000;
    if (cadence.maxCommandWaitSeconds !== undefined && cadence.maxCommandWaitSeconds >= 0) this.cadence.maxWaitSeconds = cadence.maxCommandWaitSeconds;
  }

  /** Refused registration, refused token or unusable options: retrying cannot help. */
  /** While connecting, any other refusal (a 422 on the service report: a bad declaration) is fatal too. */
  private isFatal(error: unknown, connecting = false): boolean {
    if (error instanceof RegistrationError || error instanceof AgentAuthError || error instanceof AgentConfigurationError) return true;
    return connecting && error instanceof ApiRequestError;
  }

  private fail(error: CapsuleAgentError): void {
    if (this.currentState === 'failed') return;
    this.logger.error('Capsule agent stopped: it cannot go on without an operator', { error: error.message, code: error.code });
    this.stopController.abort();
    this.setState('failed');
    this.report(error);
  }

  private markOnline(): void {
    if (this.online) return;
    this.online = true;
    this.logger.info('connected to Opstage', { backendUrl: this.options.backendUrl, agentId: this.id });
    this.emit('connected');
  }

  private markOffline(error: unknown): void {
    const failure = error instanceof CapsuleAgentError ? error : new CapsuleAgentError(error instanceof Error ? error.message : String(error), 'UNEXPECTED', undefined, { cause: error });
    if (!(error instanceof CapsuleAgentError)) this.logger.error('unexpected error in the agent; retrying', { error: failure.message });
    if (error instanceof AgentDisabledError) this.logger.warn('this agent is disabled in Opstage; retrying until an operator enables it');
    if (!this.online && this.currentState !== 'starting') return;
    this.online = false;
    this.logger.warn('lost Opstage; retrying with backoff', { error: failure.message, code: failure.code });
    this.emit('disconnected', failure);
  }

  /** `error` events only go out when someone listens: an unhandled `error` event would crash the host. */
  private report(error: CapsuleAgentError): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  private setState(state: AgentState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.emit('stateChange', state);
  }

  private get stopped(): boolean {
    return this.stopController.signal.aborted;
  }

  private primary(): ServiceEntry {
    const first = [...this.catalog.services.values()][0];
    if (!first) throw new AgentConfigurationError('this agent embeds no service; use agent.service(code) in OpHub mode');
    return first;
  }
}
