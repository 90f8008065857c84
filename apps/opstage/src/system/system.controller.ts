import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access } from '../auth/access.decorator';
import { OpstageConfig } from '../config/opstage-config';
import { ApiOkEnvelope } from '../http/api-envelope.decorators';
import { DatabaseProbe } from './database-probe';
import { LivenessDto, SystemHealthDto, SystemVersionDto } from './system.dto';

const STARTED = Date.now();

@ApiTags('System')
@Controller()
export class SystemController {
  constructor(
    private readonly config: OpstageConfig,
    private readonly database: DatabaseProbe,
  ) {}

  @Get('health')
  @Access.public()
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness and readiness: 503 when the database is not writable.' })
  @ApiOkEnvelope(LivenessDto)
  @ApiServiceUnavailableResponse({ description: 'The database is not writable.' })
  async liveness(@Res({ passthrough: true }) reply: FastifyReply): Promise<LivenessDto> {
    const db = await this.database.probe();
    if (!db.writable) reply.status(503);
    return { status: db.writable ? 'UP' : 'DOWN' };
  }

  @Get('api/system/health')
  @Access.public()
  @ApiOperation({ operationId: 'getSystemHealth', summary: 'System health with the database probe; 503 when the database is down.' })
  @ApiOkEnvelope(SystemHealthDto)
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<SystemHealthDto> {
    const database = await this.database.probe();
    if (database.status === 'DOWN') reply.status(503);
    return {
      status: database.status,
      timestamp: new Date().toISOString(),
      version: this.config.version,
      edition: 'ce',
      database,
      uptimeSeconds: Math.floor((Date.now() - STARTED) / 1000),
    };
  }

  @Get('api/system/version')
  @Access.public()
  @ApiOperation({ operationId: 'getSystemVersion', summary: 'Version and build metadata.' })
  @ApiOkEnvelope(SystemVersionDto)
  version(): SystemVersionDto {
    return {
      version: this.config.version,
      edition: 'ce',
      ...(this.config.commit ? { commit: this.config.commit } : {}),
      ...(this.config.buildTime ? { buildTime: this.config.buildTime } : {}),
    };
  }
}
