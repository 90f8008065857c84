import { Body, Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CurrentSession } from '../auth/current-caller.decorator';
import type { AuthenticatedSession } from '../auth/session.service';
import { ApiOkEnvelope } from '../http/api-envelope.decorators';
import { IdParam } from '../http/id-param.pipe';
import { DeleteOk, PostOk, PutOk } from '../http/post-ok.decorator';
import { BusEnabledGuard } from './bus-enabled.guard';
import { BusRoutesService } from './bus-routes.service';
import { BusRouteBodyDto, BusRouteDto } from './dto/bus-route.dto';
import { RouteTestOutcomeDto, RouteTestRequestDto } from './dto/route-test.dto';

@ApiTags('AdminBus')
@Controller('api/admin/bus/routes')
@UseGuards(BusEnabledGuard)
export class BusRoutesController {
  constructor(private readonly routes: BusRoutesService) {}

  @Get()
  @Access.viewer()
  @ApiOperation({ operationId: 'listBusRoutes', summary: 'Every bus route, newest first (not paginated).' })
  @ApiOkEnvelope(BusRouteDto, { isArray: true })
  list() {
    return this.routes.list();
  }

  @PostOk('test')
  @Access.viewer()
  @ApiOperation({ operationId: 'testBusRoutes', summary: 'Try every route against a sample event: which match and the payload each would dispatch. Nothing is stored or dispatched.' })
  @ApiOkEnvelope(RouteTestOutcomeDto, { isArray: true })
  test(@Body() body: RouteTestRequestDto) {
    return this.routes.test(body);
  }

  @Get(':routeId')
  @Access.viewer()
  @ApiOperation({ operationId: 'getBusRoute', summary: 'One bus route.' })
  @ApiOkEnvelope(BusRouteDto)
  get(@IdParam('routeId', 'brt') routeId: string) {
    return this.routes.get(routeId);
  }

  @PostOk()
  @Access.operator()
  @ApiOperation({ operationId: 'createBusRoute', summary: 'Create a route; 422 BUS_ROUTE_INVALID when the target, mapping or condition is not acceptable.' })
  @ApiOkEnvelope(BusRouteDto)
  create(@CurrentSession() auth: AuthenticatedSession, @Body() body: BusRouteBodyDto) {
    return this.routes.create(auth.user.id, body);
  }

  @PutOk(':routeId')
  @Access.operator()
  @ApiOperation({ operationId: 'updateBusRoute', summary: 'Replace a route (every field; validated like a new one).' })
  @ApiOkEnvelope(BusRouteDto)
  update(@CurrentSession() auth: AuthenticatedSession, @IdParam('routeId', 'brt') routeId: string, @Body() body: BusRouteBodyDto) {
    return this.routes.update(auth.user.id, routeId, body);
  }

  @DeleteOk(':routeId')
  @Access.operator()
  @ApiOperation({ operationId: 'deleteBusRoute', summary: 'Delete a route; returns it. Its past dispatches stay.' })
  @ApiOkEnvelope(BusRouteDto)
  remove(@CurrentSession() auth: AuthenticatedSession, @IdParam('routeId', 'brt') routeId: string) {
    return this.routes.remove(auth.user.id, routeId);
  }
}
