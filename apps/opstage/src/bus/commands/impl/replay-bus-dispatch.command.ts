import { Command as CqrsCommand } from '@nestjs/cqrs';
import type { BusDispatchDto } from '../../dto/bus-event.dto';

/** An operator replays a dead-lettered dispatch. */
export class ReplayBusDispatchCommand extends CqrsCommand<BusDispatchDto> {
  constructor(
    readonly userId: string,
    readonly dispatchId: string,
  ) {
    super();
  }
}
