import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ApiOkEnvelope, ApiOkPage } from '../http/api-envelope.decorators';
import { IdParam } from '../http/id-param.pipe';
import { PageQueryDto } from '../http/page-query.dto';
import { CapsuleServicesService } from './capsule-services.service';
import { CapsuleServiceDto } from './dto/capsule-service.dto';
import { ActionDefinitionDto, CapsuleServiceDetailDto, ConfigItemDto, HealthReportDto, ListCapsuleServicesQueryDto } from './dto/capsule-service-detail.dto';

@ApiTags('AdminCapsuleServices')
@ApiExtraModels(HealthReportDto, ConfigItemDto, ActionDefinitionDto)
@Controller('api/admin/capsule-services')
export class CapsuleServicesController {
  constructor(private readonly services: CapsuleServicesService) {}

  @Get()
  @Access.viewer()
  @ApiOperation({ operationId: 'listCapsuleServices', summary: 'List services with their effective status.' })
  @ApiOkPage(CapsuleServiceDto)
  list(@Query() query: ListCapsuleServicesQueryDto) {
    return this.services.list(query);
  }

  @Get(':serviceId')
  @Access.viewer()
  @ApiOperation({ operationId: 'getCapsuleService', summary: 'Service detail: manifest, latest health, configs, actions.' })
  @ApiOkEnvelope(CapsuleServiceDetailDto)
  detail(@IdParam('serviceId', 'svc') serviceId: string) {
    return this.services.detail(serviceId);
  }

  @Get(':serviceId/manifest')
  @Access.viewer()
  @ApiOperation({ operationId: 'getCapsuleServiceManifest', summary: 'The reported manifest.' })
  @ApiOkEnvelope(null)
  manifest(@IdParam('serviceId', 'svc') serviceId: string) {
    return this.services.manifest(serviceId);
  }

  @Get(':serviceId/health')
  @Access.viewer()
  @ApiOperation({ operationId: 'getCapsuleServiceHealth', summary: 'The latest health report (null when none).' })
  @ApiOkEnvelope(HealthReportDto)
  health(@IdParam('serviceId', 'svc') serviceId: string) {
    return this.services.latestHealth(serviceId, true);
  }

  @Get(':serviceId/health/history')
  @Access.viewer()
  @ApiOperation({ operationId: 'listCapsuleServiceHealthHistory', summary: 'Health reports, newest first, paginated.' })
  @ApiOkPage(HealthReportDto)
  healthHistory(@IdParam('serviceId', 'svc') serviceId: string, @Query() query: PageQueryDto) {
    return this.services.healthHistory(serviceId, query);
  }

  @Get(':serviceId/configs')
  @Access.viewer()
  @ApiOperation({ operationId: 'listCapsuleServiceConfigs', summary: 'Config metadata (sensitive values are never stored).' })
  @ApiOkEnvelope(ConfigItemDto, { isArray: true })
  configs(@IdParam('serviceId', 'svc') serviceId: string) {
    return this.services.configs(serviceId, true);
  }

  @Get(':serviceId/actions')
  @Access.viewer()
  @ApiOperation({ operationId: 'listCapsuleServiceActions', summary: 'Declared actions.' })
  @ApiOkEnvelope(ActionDefinitionDto, { isArray: true })
  actions(@IdParam('serviceId', 'svc') serviceId: string) {
    return this.services.actions(serviceId, true);
  }
}
