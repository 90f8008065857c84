import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ExpireCommandsCommand } from './commands/impl/expire-commands.command';

/** What the maintenance job calls: the command expiry sweep. */
@Injectable()
export class CommandMaintenance {
  constructor(private readonly commandBus: CommandBus) {}

  /** Expires PENDING/RUNNING commands past `expiresAt`; resolves to how many. */
  expireOverdue(now: Date = new Date()): Promise<number> {
    return this.commandBus.execute(new ExpireCommandsCommand(now));
  }
}
