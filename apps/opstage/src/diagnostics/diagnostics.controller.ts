import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ApiOkEnvelope } from '../http/api-envelope.decorators';
import { RuntimeDiagnosticsDto } from './diagnostics.dto';
import { DiagnosticsService } from './diagnostics.service';

@ApiTags('AdminDiagnostics')
@Controller('api/admin/diagnostics')
export class DiagnosticsController {
  constructor(private readonly diagnostics: DiagnosticsService) {}

  @Get('runtime')
  @Access.operator()
  @ApiOperation({ operationId: 'getRuntimeDiagnostics', summary: 'Runtime facts and the non-secret configuration.' })
  @ApiOkEnvelope(RuntimeDiagnosticsDto)
  runtime(): Promise<RuntimeDiagnosticsDto> {
    return this.diagnostics.runtime();
  }
}
