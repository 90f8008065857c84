import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditEventDto } from '../audit/audit-event.dto';
import { Access } from '../auth/access.decorator';
import { CurrentSession } from '../auth/current-caller.decorator';
import type { AuthenticatedSession } from '../auth/session.service';
import { ApiOkEnvelope, ApiOkPage } from '../http/api-envelope.decorators';
import { IdParam } from '../http/id-param.pipe';
import { PageQueryDto } from '../http/page-query.dto';
import { PostOk } from '../http/post-ok.decorator';
import { BusEnabledGuard } from './bus-enabled.guard';
import { BusQueriesService } from './bus-queries.service';
import { ReplayBusDispatchCommand } from './commands/impl/replay-bus-dispatch.command';
import { BusDiagnosticsDto } from './dto/bus-diagnostics.dto';
import { BusDispatchDto, BusEventDto } from './dto/bus-event.dto';
import { ListBusEventsQueryDto } from './dto/bus-queries.dto';

@ApiTags('AdminBus')
@Controller('api/admin/bus')
@UseGuards(BusEnabledGuard)
export class BusActivityController {
  constructor(
    private readonly queries: BusQueriesService,
    private readonly commandBus: CommandBus,
  ) {}

  @Get('events')
  @Access.viewer()
  @ApiOperation({ operationId: 'listBusEvents', summary: 'Accepted events, newest first, each with its dispatches and the commands they created.' })
  @ApiOkPage(BusEventDto)
  events(@Query() query: ListBusEventsQueryDto) {
    return this.queries.events(query);
  }

  @Get('events/:eventId')
  @Access.viewer()
  @ApiOperation({ operationId: 'getBusEvent', summary: 'One event with its dispatches.' })
  @ApiOkEnvelope(BusEventDto)
  event(@IdParam('eventId', 'bev') eventId: string) {
    return this.queries.event(eventId);
  }

  @Get('dead-letters')
  @Access.viewer()
  @ApiOperation({ operationId: 'listBusDeadLetters', summary: 'Dispatches that failed (target missing or unavailable, mapping invalid), newest first.' })
  @ApiOkPage(BusDispatchDto)
  deadLetters(@Query() query: PageQueryDto) {
    return this.queries.deadLetters(query);
  }

  @PostOk('dead-letters/:dispatchId/replay')
  @Access.operator()
  @ApiOperation({ operationId: 'replayBusDeadLetter', summary: 'Dispatch a dead letter again with the route as it is now; REPLAYED with its command, or still FAILED with the new reason.' })
  @ApiOkEnvelope(BusDispatchDto)
  replay(@CurrentSession() auth: AuthenticatedSession, @IdParam('dispatchId', 'bdp') dispatchId: string) {
    return this.commandBus.execute(new ReplayBusDispatchCommand(auth.user.id, dispatchId));
  }

  @Get('audit')
  @Access.viewer()
  @ApiOperation({ operationId: 'listBusAudit', summary: 'Audit rows whose action starts with `bus.`, newest first.' })
  @ApiOkPage(AuditEventDto)
  audit(@Query() query: PageQueryDto) {
    return this.queries.audit(query);
  }

  @Get('diagnostics')
  @Access.viewer()
  @ApiOperation({ operationId: 'getBusDiagnostics', summary: 'Per-route counts (matched, dispatched, dry run, failed, dead-lettered, command outcomes), last event, rejections.' })
  @ApiOkEnvelope(BusDiagnosticsDto)
  diagnostics() {
    return this.queries.diagnostics();
  }
}
