import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { channels, Notifier } from '../../notifier/notifier';
import { BusEventIngestedEvent } from './bus-event-ingested.event';

/** Tells the console's live stream that the bus pages changed (agents are woken by CommandQueuedEvent). */
@EventsHandler(BusEventIngestedEvent)
export class BusNotificationsHandler implements IEventHandler<BusEventIngestedEvent> {
  constructor(private readonly notifier: Notifier) {}

  handle(event: BusEventIngestedEvent): void {
    this.notifier.notify(channels.adminStream, { type: 'bus.event', eventId: event.eventId, commandsCreated: event.commandsCreated });
  }
}
