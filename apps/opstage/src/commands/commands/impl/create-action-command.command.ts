import { Command as CqrsCommand } from '@nestjs/cqrs';
import type { CommandDto } from '../../dto/command.dto';

/** An operator asks for an action to run (POST …/actions/:actionName). */
export class CreateActionCommandCommand extends CqrsCommand<CommandDto> {
  constructor(
    readonly userId: string,
    readonly serviceId: string,
    readonly actionName: string,
    readonly payload: Record<string, unknown>,
    readonly confirmation: boolean | undefined,
    readonly idempotencyKey: string | undefined,
  ) {
    super();
  }
}
