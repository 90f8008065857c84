/** An operator cancelled a command; when it was RUNNING the agent is told on its next poll. */
export class CommandCancelledEvent {
  constructor(
    readonly commandId: string,
    readonly agentId: string,
    readonly wasRunning: boolean,
    /** The bus event that caused the command, if a bus route created it. */
    readonly causationEventId: string | null = null,
  ) {}
}
