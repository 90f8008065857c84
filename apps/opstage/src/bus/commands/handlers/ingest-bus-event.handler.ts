import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/sqlite';
import { AuditRecorder, SYSTEM_ACTOR } from '../../../audit/audit-recorder';
import { CapsuleService } from '../../../capsule-services/capsule-service.entity';
import { declaredPayloadSchema } from '../../../capsule-services/manifest-metadata';
import type { Command } from '../../../commands/command.entity';
import { ActionPayloadValidator } from '../../../commands/domain/action-payload-validator';
import { OpstageConfig } from '../../../config/opstage-config';
import { ApiError, validationFailed } from '../../../http/api-error';
import { newId } from '../../../ids/new-id';
import { redact } from '../../../redaction/redact';
import { BusEvent } from '../../bus-event.entity';
import { BusDispatcher, routedCommand } from '../../domain/bus-dispatcher';
import { BusRejections, RejectionCode } from '../../domain/bus-rejections';
import { eventView } from '../../domain/event-view';
import { RoutePlanner } from '../../domain/route-planner';
import { PublishBusEventResultDto } from '../../dto/bus-event.dto';
import type { PublishBusEventDto } from '../../dto/publish-bus-event.dto';
import { CommandQueuedEvent } from '../../../commands/events/impl/command-queued.event';
import { BusEventIngestedEvent } from '../../events/bus-event-ingested.event';
import { IngestBusEventCommand } from '../impl/ingest-bus-event.command';

const RATE_WINDOW_MS = 60_000;

class RateLimitExceeded extends Error {}

/**
 * Ingest in the contract's order — a repeated eventId is answered with its first outcome; then source ownership,
 * the declared payload schema, the depth guard and the per-agent rate limit — and then the routing: the event, each
 * matched route's dispatch and command, and every audit row commit in one transaction, or none of them does.
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
    const em = this.em.fork();
    const repeat = await this.firstOutcome(em, agentId, body.eventId);
    if (repeat) return repeat;
    const source = await em.findOne(CapsuleService, { code: body.sourceServiceCode });
    if (!source) throw new ApiError('BUS_SOURCE_SERVICE_NOT_FOUND', `No service "${body.sourceServiceCode}" has been reported.`, { sourceServiceCode: body.sourceServiceCode });
    if (source.agent.id !== agentId) throw new ApiError('BUS_SOURCE_SERVICE_FORBIDDEN', `Service "${body.sourceServiceCode}" belongs to another agent.`, { sourceServiceCode: body.sourceServiceCode });

    const payload = body.payload ?? {};
    const metadata = body.metadata ?? {};
    const now = new Date();
    const schemaIssues = this.validator.validate(declaredPayloadSchema(source.manifest, body.eventType), payload);
    if (schemaIssues.length) {
      await this.reject(agentId, body, 'BUS_EVENT_PAYLOAD_INVALID', now, body.correlationId);
      throw new ApiError('BUS_EVENT_PAYLOAD_INVALID', `The payload does not match the schema "${source.code}" declares for "${body.eventType}".`, { issues: schemaIssues });
    }
    const { depth, correlationId } = await this.chainPosition(em, agentId, body, now);

    const id = newId('bev', now.getTime());
    let outcome: { event: BusEvent; commands: Command[] };
    try {
      outcome = await em.transactional(async (tx) => {
        const recent = await tx.count(BusEvent, { agentId, acceptedAt: { $gt: new Date(now.getTime() - RATE_WINDOW_MS) } });
        if (recent >= this.config.busIngestPerMinute) throw new RateLimitExceeded();
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
        const routes = await this.planner.matchingRoutes(tx, view);
        const commands: Command[] = [];
        for (const route of routes) {
          const { dispatch, command } = await this.dispatcher.dispatch(tx, event, view, route, now);
          event.outcome = [...event.outcome, routedCommand(dispatch)];
          if (command) commands.push(command);
        }
        event.routeCount = routes.length;
        if (!routes.length) {
          this.audit.record(tx, { ...SYSTEM_ACTOR, action: 'bus.route.unmatched', targetType: 'BusEvent', targetId: id, metadata: { eventType: event.eventType, sourceServiceCode: source.code }, correlationId: event.correlationId }, now);
        }
        return { event, commands };
      });
    } catch (error) {
      if (error instanceof RateLimitExceeded) {
        await this.reject(agentId, body, 'BUS_RATE_LIMITED', now, correlationId);
        throw new ApiError('BUS_RATE_LIMITED', `More than ${this.config.busIngestPerMinute} events in the last minute from this agent.`, { limitPerMinute: this.config.busIngestPerMinute }, { headers: { 'retry-after': '60' } });
      }
      if (error instanceof UniqueConstraintViolationException) {
        const raced = await this.firstOutcome(this.em.fork(), agentId, body.eventId);
        if (raced) return raced;
      }
      throw error;
    }
    for (const command of outcome.commands) this.eventBus.publish(new CommandQueuedEvent(command.id, command.agentId, command.type));
    this.eventBus.publish(new BusEventIngestedEvent(outcome.event.id, outcome.commands.length));
    return PublishBusEventResultDto.from(outcome.event, false);
  }

  private async firstOutcome(em: EntityManager, agentId: string, eventId: string | undefined): Promise<PublishBusEventResultDto | null> {
    if (!eventId) return null;
    const first = await em.findOne(BusEvent, { agentId, clientEventId: eventId });
    return first ? PublishBusEventResultDto.from(first, true) : null;
  }

  /** Depth from the stored causation chain (never from the publisher), and the correlation id it inherits. */
  private async chainPosition(em: EntityManager, agentId: string, body: PublishBusEventDto, now: Date): Promise<{ depth: number; correlationId: string | undefined }> {
    if (!body.causationId) return { depth: 0, correlationId: body.correlationId };
    const cause = await em.findOne(BusEvent, { id: body.causationId }, { fields: ['depth', 'correlationId'] });
    if (!cause) throw validationFailed([{ path: 'causationId', message: 'does not name a stored bus event' }]);
    const depth = cause.depth + 1;
    const correlationId = body.correlationId ?? cause.correlationId;
    if (depth > this.config.busMaxDepth) {
      await this.reject(agentId, body, 'BUS_DEPTH_EXCEEDED', now, correlationId, { depth, maxDepth: this.config.busMaxDepth, causationId: body.causationId });
      throw new ApiError('BUS_DEPTH_EXCEEDED', `This event would be ${depth} hops from its root; the limit is ${this.config.busMaxDepth} (OPSTAGE_CAPSULE_BUS_MAX_DEPTH).`, { depth, maxDepth: this.config.busMaxDepth, causationId: body.causationId });
    }
    return { depth, correlationId };
  }

  private reject(agentId: string, body: PublishBusEventDto, code: RejectionCode, at: Date, correlationId: string | undefined, details?: Record<string, unknown>): Promise<void> {
    return this.rejections.record({ at, agentId, code, eventType: body.eventType, sourceServiceCode: body.sourceServiceCode, correlationId, details });
  }
}
