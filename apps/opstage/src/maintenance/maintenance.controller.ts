import { Controller } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CurrentSession } from '../auth/current-caller.decorator';
import type { AuthenticatedSession } from '../auth/session.service';
import { ApiOkEnvelope } from '../http/api-envelope.decorators';
import { PostOk } from '../http/post-ok.decorator';
import { MaintenanceResultDto } from './maintenance-result.dto';
import { MaintenanceService } from './maintenance.service';

@ApiTags('AdminMaintenance')
@Controller('api/admin/maintenance')
export class MaintenanceController {
  constructor(private readonly maintenance: MaintenanceService) {}

  @PostOk('run')
  @Access.operator()
  @ApiOperation({ operationId: 'runMaintenance', summary: 'Run the maintenance sweep now: expiries, offline detection and retention.' })
  @ApiOkEnvelope(MaintenanceResultDto)
  run(@CurrentSession() auth: AuthenticatedSession): Promise<MaintenanceResultDto> {
    return this.maintenance.run({ actorType: 'USER', actorId: auth.user.id });
  }
}
