import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ApiOkEnvelope } from '../http/api-envelope.decorators';
import { DashboardSummaryDto } from './dashboard.dto';
import { DashboardService } from './dashboard.service';

@ApiTags('AdminDashboard')
@Controller('api/admin/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('summary')
  @Access.viewer()
  @ApiOperation({ operationId: 'getDashboardSummary', summary: 'Counts by status (services by effective status), recent commands and audit events.' })
  @ApiOkEnvelope(DashboardSummaryDto)
  summary(): Promise<DashboardSummaryDto> {
    return this.dashboard.summary();
  }
}
