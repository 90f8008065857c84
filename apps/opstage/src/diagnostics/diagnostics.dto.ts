import { ApiProperty } from '@nestjs/swagger';
import { MaintenanceSettingsDto } from '../settings/maintenance-settings.dto';

export class MemoryUsageDto {
  @ApiProperty({ type: 'integer' }) rss: number;
  @ApiProperty({ type: 'integer' }) heapTotal: number;
  @ApiProperty({ type: 'integer' }) heapUsed: number;
  @ApiProperty({ type: 'integer' }) external: number;
  @ApiProperty({ type: 'integer' }) arrayBuffers: number;
}

/** The runtime configuration that is safe to show an operator: never secrets (session secret, admin password). */
export class RuntimeConfigDto {
  @ApiProperty() host: string;
  @ApiProperty({ type: 'integer' }) port: number;
  @ApiProperty() databasePath: string;
  @ApiProperty() staticDir: string;
  @ApiProperty() backupDir: string;
  @ApiProperty({ type: MaintenanceSettingsDto, description: 'The effective maintenance settings.' }) maintenance: MaintenanceSettingsDto;
  @ApiProperty() capsuleBusEnabled: boolean;
}

export class RuntimeDiagnosticsDto {
  @ApiProperty() version: string;
  @ApiProperty({ enum: ['CE'] }) edition: 'CE';
  @ApiProperty({ example: 'v24.15.0' }) node: string;
  @ApiProperty() platform: string;
  @ApiProperty() arch: string;
  @ApiProperty({ type: 'integer' }) uptimeSeconds: number;
  @ApiProperty({ type: 'integer' }) pid: number;
  @ApiProperty({ type: MemoryUsageDto }) memory: MemoryUsageDto;
  @ApiProperty({ type: RuntimeConfigDto }) config: RuntimeConfigDto;
}
