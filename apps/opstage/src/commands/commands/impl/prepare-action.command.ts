import { Command as CqrsCommand } from '@nestjs/cqrs';
import type { PreparedActionDto } from '../../dto/prepared-action.dto';

/** An operator opens an action panel: an ACTION_PREPARE command whose result the request waits for. */
export class PrepareActionCommand extends CqrsCommand<PreparedActionDto> {
  constructor(
    readonly userId: string,
    readonly serviceId: string,
    readonly actionName: string,
    /** Aborted when the client goes away: the prepare stops waiting. */
    readonly signal?: AbortSignal,
  ) {
    super();
  }
}
