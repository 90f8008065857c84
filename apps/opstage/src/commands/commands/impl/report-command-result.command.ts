import { Command as CqrsCommand } from '@nestjs/cqrs';
import type { CommandResultDto } from '../../dto/command.dto';
import type { ReportCommandResultDto } from '../../dto/command-requests.dto';

export class ReportCommandResultCommand extends CqrsCommand<CommandResultDto> {
  constructor(
    readonly agentId: string,
    readonly commandId: string,
    readonly body: ReportCommandResultDto,
    readonly idempotencyKey: string | undefined,
  ) {
    super();
  }
}
