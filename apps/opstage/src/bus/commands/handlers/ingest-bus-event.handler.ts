import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/sqlite';
import { AuditRecorder, SYSTEM_ACTOR } from '../../../audit/audit-recorder';
import { declaredPayloadSchema } from '../../../capsule-services/manifest-metadata';
import type { Command } from '../../../commands/command.entity';
import { ActionPayloadValidator } from '../../../commands/domain/action-payload-validator';
import { OpstageConfig } from '../../../config/opstage-config';
import { ApiError, validationFailed } from '../../../http/api-error';
import { newId } from '../../../ids/new-id';
import { redact } from '../../../redaction/redact';
import { runNativeTransaction } from '../../../database/native-transaction';
import { BusEvent } from '../../bus-event.entity';
import { BusDispatcher, routedCommand } from '../../domain/bus-dispatcher';
import { BusRejections, type RejectionCode } from '../../domain/bus-rejections';
import { eventView } from '../../domain/event-view';
import { IngestReads } from '../../domain/bus-reads';
import { RoutePlanner } from '../../domain/route-planner';
import { PublishBusEventResultDto } from '../../dto/bus-event.dto';
import type { PublishBusEventDto } from '../../dto/publish-bus-event.dto';
import { CommandQueuedEvent } from '../../../commands/events/impl/command-queued.event';
import { BusEventIngestedEvent } from '../../events/bus-event-ingested.event';
import { IngestBusEventCommand } from '../impl/ingest-bus-event.command';

const RATE_WINDOW_MS = 60_000;

/** A refusal decided inside the transaction; it is counted and audited after the rollback, then answered. */
class IngestRefused extends Error {
  constructor(
    readonly code: RejectionCode,
    readonly answer: ApiError,
    readonly correlationId: string | undefined,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
  }
}

type Ingested = { duplicate: PublishBusEventResultDto } | { event: BusEvent; commands: Command[] };

/**
 * Ingest in the contract's order — a repeated eventId is answered with its first outcome; then source ownership,
 * the declared payload schema, the depth guard and the per-agent rate limit — and then the routing: the event, each
 * matched route's dispatch and command, and every audit row commit in one transaction, or none of them does. It is
 * the bus's hot path, so it reads and inserts with prepared statements inside that transaction (ADR 0011).
 */
@CommandHandler(IngestBusEventCommand)
export class IngestBusEventHandler implements ICommandHandler<IngestBusEventCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly config: OpstageConfig,
    private readonly planner: RoutePlanner,
    private readonly dispatcher: BusDispatcher,
    private readonly validator: ActionPayloadValidator,
    private readonly rejections: BusRejections,
    private readonly audit: AuditRecorder,
    private readonly eventBus: EventBus,
  ) {}

  async execute({ agentId, body }: IngestBusEventCommand): Promise<PublishBusEventResultDto> {
    const now = new Date();
    let ingested: Ingested;
    try {
      ingested = await runNativeTransaction(this.em.fork(), async (statements, tx) => {
        const reads = new IngestReads(statements, tx);
        const first = body.eventId ? reads.eventByClientId(agentId, body.eventId) : null;
        if (first) return { duplicate: PublishBusEventResultDto.from(first, true) };
        const result = await this.route(reads, tx, agentId, body, now);
        statements.insertPending(tx);
        return result;
      });
    } catch (error) {
      if (error instanceof IngestRefused) {
        await this.rejections.record({ at: now, agentId, code: error.code, eventType: body.eventType, sourceServiceCode: body.sourceServiceCode, correlationId: error.correlationId, details: error.details });
        throw error.answer;
      }
      if (error instanceof UniqueConstraintViolationException && body.eventId) {
        // The same eventId raced in from a second request: answer with the outcome that won.
        const raced = await this.em.fork().findOne(BusEvent, { agentId, clientEventId: body.eventId });
        if (raced) return PublishBusEventResultDto.from(raced, true);
      }
      throw error;
    }
    if ('duplicate' in ingested) return ingested.duplicate;
    for (const command of ingested.commands) this.eventBus.publish(new CommandQueuedEvent(command.id, command.agentId, command.type));
    this.eventBus.publish(new BusEventIngestedEvent(ingested.event.id, ingested.commands.length));
    return PublishBusEventResultDto.from(ingested.event, false);
  }

  /** The checks, then the event, its audit row and every matched route's dispatch, added to `tx`. */
  private async route(reads: IngestReads, tx: EntityManager, agentId: string, body: PublishBusEventDto, now: Date): Promise<Ingested> {
    const source = reads.service(body.sourceServiceCode);
    if (!source) throw new ApiError('BUS_SOURCE_SERVICE_NOT_FOUND', `No service "${body.sourceServiceCode}" has been reported.`, { sourceServiceCode: body.sourceServiceCode });
    if (source.agent.id !== agentId) throw new ApiError('BUS_SOURCE_SERVICE_FORBIDDEN', `Service "${body.sourceServiceCode}" belongs to another agent.`, { sourceServiceCode: body.sourceServiceCode });
    const payload = body.payload ?? {};
    const metadata = body.metadata ?? {};
    const schemaIssues = this.validator.validate(declaredPayloadSchema(source.manifest, body.eventType), payload);
    if (schemaIssues.length) {
      const answer = new ApiError('BUS_EVENT_PAYLOAD_INVALID', `The payload does not match the schema "${source.code}" declares for "${body.eventType}".`, { issues: schemaIssues });
      throw new IngestRefused('BUS_EVENT_PAYLOAD_INVALID', answer, body.correlationId);
    }
    const { depth, correlationId } = this.chainPosition(reads, body);
    if (reads.eventsSince(agentId, new Date(now.getTime() - RATE_WINDOW_MS)) >= this.config.busIngestPerMinute) {
      const limit = this.config.busIngestPerMinute;
      const answer = new ApiError('BUS_RATE_LIMITED', `More than ${limit} events in the last minute from this agent.`, { limitPerMinute: limit }, { headers: { 'retry-after': '60' } });
      throw new IngestRefused('BUS_RATE_LIMITED', answer, correlationId);
    }

    const id = newId('bev', now.getTime());
    const event = tx.create(BusEvent, {
      id,
      agentId,
      sourceServiceId: source.id,
      sourceServiceCode: source.code,
      eventType: body.eventType,
      clientEventId: body.eventId ?? null,
      payload: redact(payload),
      metadata: redact(metadata),
      correlationId: correlationId ?? id,
      causationId: body.causationId ?? null,
      depth,
      dryRun: body.routePolicy?.dryRun === true,
      occurredAt: body.occurredAt ? new Date(body.occurredAt) : now,
      acceptedAt: now,
    });
    this.audit.record(
      tx,
      { actorType: 'AGENT', actorId: agentId, action: 'bus.event.received', targetType: 'BusEvent', targetId: id, metadata: { eventType: event.eventType, sourceServiceCode: source.code, depth, causationId: event.causationId }, correlationId: event.correlationId },
      now,
    );
    const view = eventView(event, payload, metadata);
    const routes = this.planner.matching(reads.activeRoutes(source.code), view);
    const commands: Command[] = [];
    for (const route of routes) {
      const { dispatch, command } = await this.dispatcher.dispatch(tx, reads, event, view, route, now);
      event.outcome = [...event.outcome, routedCommand(dispatch)];
      if (command) commands.push(command);
    }
    event.routeCount = routes.length;
    if (!routes.length) {
      this.audit.record(tx, { ...SYSTEM_ACTOR, action: 'bus.route.unmatched', targetType: 'BusEvent', targetId: id, metadata: { eventType: event.eventType, sourceServiceCode: source.code }, correlationId: event.correlationId }, now);
    }
    return { event, commands };
  }

  /** Depth from the stored causation chain (never from the publisher), and the correlation id it inherits. */
  private chainPosition(reads: IngestReads, body: PublishBusEventDto): { depth: number; correlationId: string | undefined } {
    if (!body.causationId) return { depth: 0, correlationId: body.correlationId };
    const cause = reads.chainLink(body.causationId);
    if (!cause) throw validationFailed([{ path: 'causationId', message: 'does not name a stored bus event' }]);
    const depth = cause.depth + 1;
    const correlationId = body.correlationId ?? cause.correlationId;
    const maxDepth = this.config.busMaxDepth;
    if (depth > maxDepth) {
      const details = { depth, maxDepth, causationId: body.causationId };
      const answer = new ApiError('BUS_DEPTH_EXCEEDED', `This event would be ${depth} hops from its root; the limit is ${maxDepth} (OPSTAGE_CAPSULE_BUS_MAX_DEPTH).`, details);
      throw new IngestRefused('BUS_DEPTH_EXCEEDED', answer, correlationId, details);
    }
    return { depth, correlationId };
  }
}
