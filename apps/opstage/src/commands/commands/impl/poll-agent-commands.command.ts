import { Command as CqrsCommand } from '@nestjs/cqrs';
import type { AgentCommandPoll } from '../../dto/command.dto';

/** An agent's poll: claims up to `limit` PENDING commands, waiting up to `waitSeconds` for one to be queued. */
export class PollAgentCommandsCommand extends CqrsCommand<AgentCommandPoll> {
  constructor(
    readonly agentId: string,
    readonly limit: number,
    readonly waitSeconds: number,
    readonly signal?: AbortSignal,
  ) {
    super();
  }
}
