import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CurrentSession } from '../auth/current-caller.decorator';
import type { AuthenticatedSession } from '../auth/session.service';
import { validationFailed } from '../http/api-error';
import { ApiOkEnvelope } from '../http/api-envelope.decorators';
import { MaintenanceSettingsDto, UpdateMaintenanceSettingsDto } from './maintenance-settings.dto';
import { MaintenanceSettingsService } from './maintenance-settings.service';

@ApiTags('AdminSettings')
@Controller('api/admin/settings')
export class SettingsController {
  constructor(private readonly settings: MaintenanceSettingsService) {}

  @Get('maintenance')
  @Access.viewer()
  @ApiOperation({ operationId: 'getMaintenanceSettings', summary: 'Effective maintenance and retention settings.' })
  @ApiOkEnvelope(MaintenanceSettingsDto)
  get(): Promise<MaintenanceSettingsDto> {
    return this.settings.effective();
  }

  @Patch('maintenance')
  @Access.owner()
  @ApiOperation({ operationId: 'updateMaintenanceSettings', summary: 'Change maintenance and retention settings (partial); re-arms the scheduler at once.' })
  @ApiOkEnvelope(MaintenanceSettingsDto)
  update(@CurrentSession() auth: AuthenticatedSession, @Body() body: UpdateMaintenanceSettingsDto): Promise<MaintenanceSettingsDto> {
    if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
      throw validationFailed([{ path: '', message: 'body must be a JSON object' }]);
    }
    return this.settings.update(auth.user.id, body ?? {});
  }
}
