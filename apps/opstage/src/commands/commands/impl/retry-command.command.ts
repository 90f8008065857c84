import { Command as CqrsCommand } from '@nestjs/cqrs';
import type { CommandDto } from '../../dto/command.dto';

export class RetryCommandCommand extends CqrsCommand<CommandDto> {
  constructor(
    readonly userId: string,
    readonly commandId: string,
    readonly confirmation: boolean | undefined,
  ) {
    super();
  }
}
