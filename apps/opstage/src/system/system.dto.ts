import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DatabaseHealthDto {
  @ApiProperty({ enum: ['UP', 'DEGRADED', 'DOWN'] }) status: 'UP' | 'DEGRADED' | 'DOWN';
  @ApiProperty({ enum: ['sqlite'] }) kind: 'sqlite';
  @ApiProperty({ type: 'integer', minimum: 0 }) latencyMs: number;
  @ApiProperty({ description: 'A write could be committed.' }) writable: boolean;
}

export class SystemHealthDto {
  @ApiProperty({ enum: ['UP', 'DEGRADED', 'DOWN'] }) status: 'UP' | 'DEGRADED' | 'DOWN';
  @ApiProperty({ format: 'date-time' }) timestamp: string;
  @ApiProperty() version: string;
  @ApiProperty({ enum: ['ce'] }) edition: 'ce';
  @ApiProperty({ type: DatabaseHealthDto }) database: DatabaseHealthDto;
  @ApiProperty({ type: 'integer', minimum: 0 }) uptimeSeconds: number;
}

export class LivenessDto {
  @ApiProperty({ enum: ['UP', 'DOWN'] }) status: 'UP' | 'DOWN';
}

export class SystemVersionDto {
  @ApiProperty() version: string;
  @ApiProperty({ enum: ['ce'] }) edition: 'ce';
  @ApiPropertyOptional() commit?: string;
  @ApiPropertyOptional({ format: 'date-time' }) buildTime?: string;
}
