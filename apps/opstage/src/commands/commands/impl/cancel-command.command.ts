import { Command as CqrsCommand } from '@nestjs/cqrs';
import type { CommandDto } from '../../dto/command.dto';

export class CancelCommandCommand extends CqrsCommand<CommandDto> {
  constructor(
    readonly userId: string,
    readonly commandId: string,
  ) {
    super();
  }
}
