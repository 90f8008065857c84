/** An agent's poll claimed a command (PENDING → RUNNING). */
export class CommandDispatchedEvent {
  constructor(
    readonly commandId: string,
    readonly agentId: string,
  ) {}
}
