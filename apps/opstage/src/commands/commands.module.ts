import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { OpstageConfig } from '../config/opstage-config';
import { PayloadSealer } from '../crypto/payload-sealer';
import { ActionCommandsController } from './action-commands.controller';
import { AgentCommandsController } from './agent-commands.controller';
import { CommandMaintenance } from './command-maintenance';
import { CommandsController } from './commands.controller';
import { CancelCommandHandler } from './commands/handlers/cancel-command.handler';
import { CreateActionCommandHandler } from './commands/handlers/create-action-command.handler';
import { ExpireCommandsHandler } from './commands/handlers/expire-commands.handler';
import { PollAgentCommandsHandler } from './commands/handlers/poll-agent-commands.handler';
import { PrepareActionHandler } from './commands/handlers/prepare-action.handler';
import { ReportCommandResultHandler } from './commands/handlers/report-command-result.handler';
import { RetryCommandHandler } from './commands/handlers/retry-command.handler';
import { ActionCommandFactory } from './domain/action-command-factory';
import { ActionPayloadValidator } from './domain/action-payload-validator';
import { EphemeralSecretStore } from './domain/ephemeral-secrets';
import { PrepareGate } from './domain/prepare-gate';
import { CommandNotificationsHandler } from './events/handlers/command-notifications.handler';
import { GetCommandDetailHandler } from './queries/handlers/get-command-detail.handler';
import { ListCommandsHandler } from './queries/handlers/list-commands.handler';

const COMMAND_HANDLERS = [
  CreateActionCommandHandler,
  PrepareActionHandler,
  CancelCommandHandler,
  RetryCommandHandler,
  PollAgentCommandsHandler,
  ReportCommandResultHandler,
  ExpireCommandsHandler,
];
const QUERY_HANDLERS = [ListCommandsHandler, GetCommandDetailHandler];
const EVENT_HANDLERS = [CommandNotificationsHandler];

/**
 * The command lifecycle (CQRS): operators queue actions, agents claim and complete them, the sweep expires them.
 * Counts events on the global OperationalCounters. Exports the expiry sweep, and the execute-command factory, payload validator and sealer the bus builds on.
 */
@Module({
  imports: [AgentsModule],
  controllers: [ActionCommandsController, CommandsController, AgentCommandsController],
  providers: [
    ...COMMAND_HANDLERS,
    ...QUERY_HANDLERS,
    ...EVENT_HANDLERS,
    { provide: PayloadSealer, inject: [OpstageConfig], useFactory: (config: OpstageConfig) => new PayloadSealer(config.sessionSecret) },
    ActionPayloadValidator,
    ActionCommandFactory,
    EphemeralSecretStore,
    PrepareGate,
    CommandMaintenance,
  ],
  exports: [CommandMaintenance, ActionCommandFactory, ActionPayloadValidator, PayloadSealer],
})
export class CommandsModule {}
