import { createHash } from 'node:crypto';
import type { PublishBusEventResultDto } from '../../agent-client/src';
import { ApiRequestError, BusDisabledError } from './errors';
import type { AgentLogger } from './logger';
import { sleep } from './sleep';

/** An event as a local adapter returns it from `GET /capsule/bus/events`. */
export interface AdapterEvent {
  /** Makes forwarding idempotent; derived from the event's content when absent. */
  eventId?: string;
  eventType: string;
  payload?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  correlationId?: string;
  causationId?: string;
  occurredAt?: string;
}

/** The adapter's answer: events after the cursor it was given, and the cursor to ask with next time. */
export interface AdapterPage {
  events: AdapterEvent[];
  cursor?: string;
}

export interface BusAdapterOptions {
  /** The service's local adapter, e.g. `http://127.0.0.1:8091/capsule/bus/events`; asked with `?after=<cursor>`. */
  url: string;
  /** Pause between polls of the adapter. Default 2 s. */
  intervalMs?: number;
}

export type PublishFn = (event: AdapterEvent & { eventId: string }, sourceServiceCode: string, signal: AbortSignal) => Promise<PublishBusEventResultDto>;

/**
 * OpHub thin forwarding for one service: polls its local adapter and publishes what it returns as that service's
 * events. The cursor advances past an event once the backend accepted it (or refused it for good, e.g. a payload
 * its schema rejects); a rate limit or an unreachable backend leaves the cursor where it was for the next round. The
 * backend's eventId dedupe makes a repeat after a restart harmless. A disabled bus stops the forwarder.
 */
export class BusForwarder {
  private cursor: string | undefined;

  constructor(
    private readonly serviceCode: string,
    private readonly options: BusAdapterOptions,
    private readonly publish: PublishFn,
    private readonly logger: AgentLogger,
    private readonly onError: (error: Error) => void,
  ) {}

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.forwardOnce(signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof BusDisabledError) {
          this.logger.warn('the Capsule Bus is disabled on the backend; local bus events are no longer forwarded', { service: this.serviceCode });
          return;
        }
        this.onError(error as Error);
      }
      await sleep(this.options.intervalMs ?? 2000, signal);
    }
  }

  /** One round: read the adapter, forward in order. Returns how many events the backend accepted. */
  async forwardOnce(signal: AbortSignal): Promise<number> {
    const page = await this.read(signal);
    let accepted = 0;
    for (const event of page.events) {
      const eventId = event.eventId ?? `${this.serviceCode}:${createHash('sha256').update(JSON.stringify(event)).digest('hex').slice(0, 32)}`;
      try {
        await this.publish({ ...event, eventId }, this.serviceCode, signal);
        accepted += 1;
      } catch (error) {
        if (!(error instanceof ApiRequestError)) throw error; // rate limit, disabled bus, network: try again later
        // Refused for good (payload schema, depth, unknown causation): skipping it is the only way forward.
        this.logger.warn('a local bus event was refused by the backend and skipped', { service: this.serviceCode, eventId, code: error.code });
        this.onError(error);
      }
    }
    if (page.cursor !== undefined) this.cursor = page.cursor;
    return accepted;
  }

  private async read(signal: AbortSignal): Promise<AdapterPage> {
    const url = new URL(this.options.url);
    if (this.cursor !== undefined) url.searchParams.set('after', this.cursor);
    const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]) });
    if (!response.ok) throw new Error(`local bus adapter ${url.origin}${url.pathname} answered ${response.status}`);
    const body = (await response.json()) as Partial<AdapterPage>;
    return { events: Array.isArray(body.events) ? body.events : [], ...(typeof body.cursor === 'string' ? { cursor: body.cursor } : {}) };
  }
}
