import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

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

/** Absent is fine; present must be an integer in range (null, strings and fractions are 422). */
function OptionalInt(min: number): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    IsInt(),
    Min(min),
    Max(MAX),
  );
}

/** Partial update; every field optional, integers only. */
export class UpdateMaintenanceSettingsDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1 }) @OptionalInt(1) agentOfflineThresholdSeconds?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) @OptionalInt(0) auditRetentionDays?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) @OptionalInt(0) maintenanceIntervalSeconds?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) @OptionalInt(0) healthRetentionDays?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) @OptionalInt(0) commandRetentionDays?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) @OptionalInt(0) backupRetentionCount?: number;
}

export const MAINTENANCE_SETTING_KEYS = [
  'agentOfflineThresholdSeconds',
  'auditRetentionDays',
  'maintenanceIntervalSeconds',
  'healthRetentionDays',
  'commandRetentionDays',
  'backupRetentionCount',
] as const satisfies readonly (keyof MaintenanceSettingsDto)[];
