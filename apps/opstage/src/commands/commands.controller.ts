import { Body, Controller, Get, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Access } from '../auth/access.decorator';
import { CurrentSession } from '../auth/current-caller.decorator';
import type { AuthenticatedSession } from '../auth/session.service';
import { ApiOkEnvelope, ApiOkPage } from '../http/api-envelope.decorators';
import { IdParam } from '../http/id-param.pipe';
import { PostOk } from '../http/post-ok.decorator';
import { CancelCommandCommand } from './commands/impl/cancel-command.command';
import { RetryCommandCommand } from './commands/impl/retry-command.command';
import { CommandDetailDto, CommandDto } from './dto/command.dto';
import { ListCommandsQueryDto, RetryCommandDto } from './dto/command-requests.dto';
import { GetCommandDetailQuery } from './queries/impl/get-command-detail.query';
import { ListCommandsQuery } from './queries/impl/list-commands.query';

@ApiTags('AdminCommands')
@Controller('api/admin/commands')
export class CommandsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get()
  @Access.viewer()
  @ApiOperation({ operationId: 'listCommands', summary: 'List commands (sort: createdAt, completedAt/finishedAt; default -createdAt).' })
  @ApiOkPage(CommandDto)
  list(@Query() query: ListCommandsQueryDto) {
    return this.queryBus.execute(new ListCommandsQuery(query));
  }

  @Get(':commandId')
  @Access.viewer()
  @ApiOperation({ operationId: 'getCommand', summary: 'Command with its result; a one-time generatedKey is shown to the first operator/owner or creator read.' })
  @ApiOkEnvelope(CommandDetailDto)
  get(@CurrentSession() auth: AuthenticatedSession, @IdParam('commandId', 'cmd') commandId: string) {
    return this.queryBus.execute(new GetCommandDetailQuery(commandId, { userId: auth.user.id, role: auth.user.role }));
  }

  @PostOk(':commandId/cancel')
  @Access.operator()
  @ApiOperation({ operationId: 'cancelCommand', summary: 'Cancel a PENDING or RUNNING command; a running one is signalled to its agent on the next poll.' })
  @ApiOkEnvelope(CommandDto)
  cancel(@CurrentSession() auth: AuthenticatedSession, @IdParam('commandId', 'cmd') commandId: string) {
    return this.commandBus.execute(new CancelCommandCommand(auth.user.id, commandId));
  }

  @PostOk(':commandId/retry')
  @Access.operator()
  @ApiOperation({ operationId: 'retryCommand', summary: 'Queue a new command with the same payload (FAILED, EXPIRED or CANCELLED executes only).' })
  @ApiBody({ type: RetryCommandDto, required: false })
  @ApiOkEnvelope(CommandDto)
  retry(@CurrentSession() auth: AuthenticatedSession, @IdParam('commandId', 'cmd') commandId: string, @Body() body: RetryCommandDto) {
    return this.commandBus.execute(new RetryCommandCommand(auth.user.id, commandId, body?.confirmation));
  }
}
