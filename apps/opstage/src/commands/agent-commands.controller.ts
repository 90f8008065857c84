import { Body, Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { Access } from '../auth/access.decorator';
import { ApiOkEnvelope } from '../http/api-envelope.decorators';
import { RawResponse } from '../http/envelope';
import { IdParam } from '../http/id-param.pipe';
import { PostOk } from '../http/post-ok.decorator';
import { PollAgentCommandsCommand } from './commands/impl/poll-agent-commands.command';
import { ReportCommandResultCommand } from './commands/impl/report-command-result.command';
import { CommandDto, CommandResultDto } from './dto/command.dto';
import { PollCommandsQueryDto, ReportCommandResultDto } from './dto/command-requests.dto';
import { IdempotencyKey } from './idempotency-key';
import { clientGoneSignal } from './request-abort-signal';

@ApiTags('Agent')
@Controller('api/agents/:agentId/commands')
export class AgentCommandsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Get()
  @Access.agent()
  @ApiOperation({
    operationId: 'pollAgentCommands',
    summary: 'Claim PENDING commands (oldest first, each moved to RUNNING); with waitSeconds, wait for one to be queued.',
    description: 'Counts as a heartbeat. Cancels of RUNNING commands are listed once in the top-level `cancelledCommandIds`.',
  })
  @ApiExtraModels(CommandDto)
  @ApiOkResponse({
    description: 'Claimed commands with their raw payloads.',
    schema: {
      type: 'object',
      required: ['success', 'data'],
      properties: {
        success: { type: 'boolean', enum: [true] },
        data: { type: 'array', items: { $ref: getSchemaPath(CommandDto) } },
        cancelledCommandIds: { type: 'array', items: { type: 'string' }, description: 'RUNNING commands an operator cancelled since the last poll.' },
      },
    },
  })
  async poll(@IdParam('agentId', 'agt') agentId: string, @Query() query: PollCommandsQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const poll = await this.commandBus.execute(new PollAgentCommandsCommand(agentId, query.limit ?? 10, query.waitSeconds ?? 0, clientGoneSignal(reply)));
    return new RawResponse({ success: true, data: poll.commands, ...(poll.cancelledCommandIds.length ? { cancelledCommandIds: poll.cancelledCommandIds } : {}) });
  }

  @PostOk(':commandId/result')
  @Access.agent()
  @ApiOperation({ operationId: 'reportCommandResult', summary: 'Report the terminal result of a command.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key returns the first result instead of 409.' })
  @ApiOkEnvelope(CommandResultDto)
  report(
    @IdParam('agentId', 'agt') agentId: string,
    @IdParam('commandId', 'cmd') commandId: string,
    @Body() body: ReportCommandResultDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ) {
    return this.commandBus.execute(new ReportCommandResultCommand(agentId, commandId, body, idempotencyKey));
  }
}
