import { Command as CqrsCommand } from '@nestjs/cqrs';
import type { PublishBusEventResultDto } from '../../dto/bus-event.dto';
import type { PublishBusEventDto } from '../../dto/publish-bus-event.dto';

/** An agent publishes an event (POST /api/agents/:agentId/bus/events). */
export class IngestBusEventCommand extends CqrsCommand<PublishBusEventResultDto> {
  constructor(
    readonly agentId: string,
    readonly body: PublishBusEventDto,
  ) {
    super();
  }
}
