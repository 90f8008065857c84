import { Body, Controller, Get, Param, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { Access } from '../auth/access.decorator';
import { CurrentSession } from '../auth/current-caller.decorator';
import type { AuthenticatedSession } from '../auth/session.service';
import { ApiOkEnvelope } from '../http/api-envelope.decorators';
import { IdParam } from '../http/id-param.pipe';
import { PostOk } from '../http/post-ok.decorator';
import { CreateActionCommandCommand } from './commands/impl/create-action-command.command';
import { PrepareActionCommand } from './commands/impl/prepare-action.command';
import { CommandDto } from './dto/command.dto';
import { CreateActionCommandDto } from './dto/command-requests.dto';
import { PreparedActionDto } from './dto/prepared-action.dto';
import { IdempotencyKey } from './idempotency-key';
import { clientGoneSignal } from './request-abort-signal';

@ApiTags('AdminCapsuleServices')
@Controller('api/admin/capsule-services/:serviceId/actions/:actionName')
export class ActionCommandsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Get()
  @Access.operator()
  @ApiOperation({
    operationId: 'prepareActionPanel',
    summary: 'Prepare an action panel: asks the agent for dynamic metadata and waits for its answer.',
    description: '408 ACTION_PREPARE_TIMEOUT after OPSTAGE_PREPARE_TIMEOUT_SECONDS; 424 when the agent fails; 429 ACTION_PREPARE_BUSY when too many prepares are in flight.',
  })
  @ApiOkEnvelope(PreparedActionDto)
  prepare(
    @CurrentSession() auth: AuthenticatedSession,
    @IdParam('serviceId', 'svc') serviceId: string,
    @Param('actionName') actionName: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.commandBus.execute(new PrepareActionCommand(auth.user.id, serviceId, actionName, clientGoneSignal(reply)));
  }

  @PostOk()
  @Access.operator()
  @ApiOperation({ operationId: 'createActionCommand', summary: 'Request an action: validates it and queues a PENDING ACTION_EXECUTE command.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key returns the first command.' })
  @ApiOkEnvelope(CommandDto)
  execute(
    @CurrentSession() auth: AuthenticatedSession,
    @IdParam('serviceId', 'svc') serviceId: string,
    @Param('actionName') actionName: string,
    @Body() body: CreateActionCommandDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ) {
    return this.commandBus.execute(new CreateActionCommandCommand(auth.user.id, serviceId, actionName, body.payload ?? {}, body.confirmation, idempotencyKey));
  }
}
