import { Body, Controller, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ApiOkEnvelope } from '../http/api-envelope.decorators';
import { IdParam } from '../http/id-param.pipe';
import { PostOk } from '../http/post-ok.decorator';
import { BusEnabledGuard } from './bus-enabled.guard';
import { IngestBusEventCommand } from './commands/impl/ingest-bus-event.command';
import { PublishBusEventResultDto } from './dto/bus-event.dto';
import { PublishBusEventDto } from './dto/publish-bus-event.dto';

@ApiTags('Agent')
@Controller('api/agents/:agentId/bus')
@UseGuards(BusEnabledGuard)
export class AgentBusController {
  constructor(private readonly commandBus: CommandBus) {}

  @PostOk('events')
  @Access.agent()
  @ApiOperation({
    operationId: 'publishBusEvent',
    summary: 'Publish a Capsule Bus event (v0.4, experimental); matching routes dispatch commands in the same transaction.',
    description:
      '404 CAPSULE_BUS_DISABLED when the bus is off; 404/403 when the source service is unknown or another agent\'s; 422 BUS_EVENT_PAYLOAD_INVALID against a declared payload schema; 422 BUS_DEPTH_EXCEEDED; 429 BUS_RATE_LIMITED. A repeated eventId returns the first outcome with `duplicate: true`. Per-route failures are reported in `routedCommands`, not as HTTP errors.',
  })
  @ApiOkEnvelope(PublishBusEventResultDto)
  publish(@IdParam('agentId', 'agt') agentId: string, @Body() body: PublishBusEventDto) {
    return this.commandBus.execute(new IngestBusEventCommand(agentId, body));
  }
}
