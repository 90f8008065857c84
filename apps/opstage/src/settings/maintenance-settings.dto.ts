import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The effective maintenance and retention settings: the env defaults with the stored overrides merged on top. */
export class MaintenanceSettingsDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'An ONLINE agent without a heartbeat for this long is marked OFFLINE.' }) agentOfflineThresholdSeconds: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Audit rows older than this are deleted (0 keeps them).' }) auditRetentionDays: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Maintenance sweep period (0 disables the scheduler).' }) maintenanceIntervalSeconds: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Health reports older than this are deleted (0 keeps them).' }) healthRetentionDays: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Finished commands older than this are deleted with their results (0 keeps them).' }) commandRetentionDays: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Backup files kept in the backup directory (0 keeps all).' }) backupRetentionCount: number;
}

const MAX = 2_147_483_647;

/** Partial update; every field optional, integers only. */
export class UpdateMaintenanceSettingsDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1 }) @IsOptional() @IsInt() @Min(1) @Max(MAX) agentOfflineThresholdSeconds?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) @IsOptional() @IsInt() @Min(0) @Max(MAX) auditRetentionDays?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) @IsOptional() @IsInt() @Min(0) @Max(MAX) maintenanceIntervalSeconds?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) @IsOptional() @IsInt() @Min(0) @Max(MAX) healthRetentionDays?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) @IsOptional() @IsInt() @Min(0) @Max(MAX) commandRetentionDays?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) @IsOptional() @IsInt() @Min(0) @Max(MAX) backupRetentionCount?: number;
}

export const MAINTENANCE_SETTING_KEYS = [
  'agentOfflineThresholdSeconds',
  'auditRetentionDays',
  'maintenanceIntervalSeconds',
  'healthRetentionDays',
  'commandRetentionDays',
  'backupRetentionCount',
] as const satisfies readonly (keyof MaintenanceSettingsDto)[];
