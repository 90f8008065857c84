import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/sqlite';
import { userActor } from '../../../audit/audit-recorder';
import { PayloadSealer } from '../../../crypto/payload-sealer';
import { ApiError } from '../../../http/api-error';
import { BusDispatch } from '../../bus-dispatch.entity';
import { BusEvent } from '../../bus-event.entity';
import { BusRoute } from '../../bus-route.entity';
import { BusDispatcher, RawEventParts, routedCommand } from '../../domain/bus-dispatcher';
import { eventView } from '../../domain/event-view';
import { BusDispatchDto } from '../../dto/bus-event.dto';
import { CommandQueuedEvent } from '../../../commands/events/impl/command-queued.event';
import { BusEventIngestedEvent } from '../../events/bus-event-ingested.event';
import { ReplayBusDispatchCommand } from '../impl/replay-bus-dispatch.command';

/**
 * Dispatches a dead letter again with the route as it is now (so a fixed mapping applies) and the event's raw
 * payload, unsealed. Success makes it REPLAYED with its command; the event drops its sealed payload once no dead letter
 * of it is left. A replay that fails again stays in the list with the new reason. Audited either way.
 */
@CommandHandler(ReplayBusDispatchCommand)
export class ReplayBusDispatchHandler implements ICommandHandler<ReplayBusDispatchCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly dispatcher: BusDispatcher,
    private readonly sealer: PayloadSealer,
    private readonly eventBus: EventBus,
  ) {}

  async execute({ userId, dispatchId }: ReplayBusDispatchCommand): Promise<BusDispatchDto> {
    const { dispatch, command } = await this.em.fork().transactional(async (tx) => {
      const dispatch = await tx.findOne(BusDispatch, { id: dispatchId });
      if (!dispatch) throw new ApiError('BUS_DISPATCH_NOT_FOUND', 'Bus dispatch not found.');
      if (dispatch.status !== 'FAILED' || dispatch.dryRun) {
        throw new ApiError('BUS_DISPATCH_NOT_REPLAYABLE', `Dispatch is ${dispatch.dryRun ? 'a dry run' : dispatch.status}; only failed dispatches are replayed.`, { status: dispatch.status, dryRun: dispatch.dryRun });
      }
      const route = await tx.findOne(BusRoute, { id: dispatch.routeId });
      if (!route) throw new ApiError('BUS_ROUTE_NOT_FOUND', 'The route of this dispatch was deleted; there is nothing to replay it with.');
      const event = await tx.findOneOrFail(BusEvent, { id: dispatch.eventId });
      const raw = event.sealedPayload ? this.sealer.open<RawEventParts>(event.sealedPayload) : undefined;
      const view = eventView(event, raw?.payload ?? event.payload, raw?.metadata ?? event.metadata);
      const now = new Date();
      const command = await this.dispatcher.replay(tx, event, view, route, dispatch, userActor(userId), now);
      event.outcome = event.outcome.map((entry) => (entry.dispatchId === dispatch.id ? routedCommand(dispatch) : entry));
      if (command && (await tx.count(BusDispatch, { eventId: event.id, status: 'FAILED', dryRun: false, id: { $ne: dispatch.id } })) === 0) event.sealedPayload = null;
      return { dispatch, command };
    });
    if (command) this.eventBus.publish(new CommandQueuedEvent(command.id, command.agentId, command.type));
    this.eventBus.publish(new BusEventIngestedEvent(dispatch.eventId, command ? 1 : 0));
    return BusDispatchDto.from(dispatch);
  }
}
