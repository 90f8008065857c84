import type { CommandStatus } from '../../../../../../libs/contracts/src';

/** A command reached SUCCEEDED, FAILED or EXPIRED (cancellation has its own event). */
export class CommandFinishedEvent {
  constructor(
    readonly commandId: string,
    readonly agentId: string,
    readonly status: CommandStatus,
    /** The bus event that caused the command, if a bus route created it. */
    readonly causationEventId: string | null = null,
  ) {}
}
