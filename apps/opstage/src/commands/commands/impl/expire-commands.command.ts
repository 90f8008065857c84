import { Command as CqrsCommand } from '@nestjs/cqrs';

/** The expiry sweep: PENDING/RUNNING commands past `expiresAt` become EXPIRED. Resolves to how many did. */
export class ExpireCommandsCommand extends CqrsCommand<number> {
  constructor(
    readonly now: Date = new Date(),
    /** Limit the sweep to one agent's commands (the poll does this before claiming). */
    readonly agentId?: string,
  ) {
    super();
  }
}
