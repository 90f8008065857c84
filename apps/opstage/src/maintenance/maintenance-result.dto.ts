import { ApiProperty } from '@nestjs/swagger';

export class MaintenanceResultDto {
  @ApiProperty({ type: 'integer', description: 'ACTIVE registration tokens past expiresAt, now EXPIRED.' }) expiredRegistrationTokens: number;
  @ApiProperty({ type: 'integer', description: 'PENDING/RUNNING commands past expiresAt, now EXPIRED.' }) expiredCommands: number;
  @ApiProperty({ type: 'integer', description: 'ONLINE agents without a recent heartbeat, now OFFLINE.' }) offlineAgents: number;
  @ApiProperty({ type: 'integer', description: 'Services of OFFLINE agents, now stored as STALE with health UNKNOWN.' }) offlineServices: number;
  @ApiProperty({ type: 'integer' }) deletedAuditEvents: number;
  @ApiProperty({ type: 'integer' }) deletedHealthReports: number;
  @ApiProperty({ type: 'integer', description: 'Finished commands deleted together with their results.' }) deletedCommands: number;
  @ApiProperty({ type: 'integer' }) deletedBackups: number;
  @ApiProperty({ type: 'integer', description: 'Expired or revoked sessions deleted a day after they ended.' }) deletedSessions: number;
  @ApiProperty({ format: 'date-time' }) ranAt: string;
}

export type MaintenanceCounts = Omit<MaintenanceResultDto, 'ranAt'>;
