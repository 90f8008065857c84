import type { CommandType } from '../../../../../../libs/contracts/src';

/** A PENDING command was committed for an agent (execute, prepare, retry). */
export class CommandQueuedEvent {
  constructor(
    readonly commandId: string,
    readonly agentId: string,
    readonly type: CommandType,
  ) {}
}
