import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { DANGER_LEVELS, HEALTH_STATUSES, type DangerLevel, type HealthStatus } from '../../../../../libs/contracts/src';

export const SERVICE_CODE = /^[a-z0-9][a-z0-9_-]*$/;

export class HealthInputDto {
  @ApiProperty({ enum: HEALTH_STATUSES }) @IsIn(HEALTH_STATUSES) status: HealthStatus;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) message?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() details?: Record<string, unknown>;
}

export class ConfigInputDto {
  @ApiProperty({ minLength: 1, maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) key: string;
  @ApiProperty({ maxLength: 40, description: 'string, number, boolean, select, json, secretRef, …' }) @IsString() @MinLength(1) @MaxLength(40) type: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) label?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) source?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() editable?: boolean;
  @ApiPropertyOptional({ description: 'A sensitive item never has its value stored, only its secretRef.' }) @IsOptional() @IsBoolean() sensitive?: boolean;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) valuePreview?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) defaultValue?: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) secretRef?: string;
}

export class ActionInputDto {
  @ApiProperty({ minLength: 1, maxLength: 128 }) @IsString() @MinLength(1) @MaxLength(128) @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, { message: 'name may contain letters, digits, _ . : -' }) name: string;
  @ApiProperty({ minLength: 1, maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) label: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ enum: DANGER_LEVELS }) @IsOptional() @IsIn(DANGER_LEVELS) dangerLevel?: DangerLevel;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() requiresConfirmation?: boolean;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'JSON Schema of the payload.' }) @IsOptional() @IsObject() inputSchema?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 86400 }) @IsOptional() @IsInt() @Min(1) @Max(86400) timeoutSeconds?: number;
  @ApiPropertyOptional({ maxLength: 80 }) @IsOptional() @IsString() @MaxLength(80) category?: string;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(-100000) @Max(100000) order?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}

export class ReportedServiceDto {
  @ApiProperty({ minLength: 1, maxLength: 80, pattern: SERVICE_CODE.source }) @IsString() @MinLength(1) @MaxLength(80) @Matches(SERVICE_CODE, { message: 'code must match ^[a-z0-9][a-z0-9_-]*$' }) code: string;
  @ApiProperty({ minLength: 1, maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ maxLength: 80 }) @IsOptional() @IsString() @MaxLength(80) version?: string;
  @ApiPropertyOptional({ maxLength: 40, description: 'nodejs, java, python, go, other' }) @IsOptional() @IsString() @MaxLength(40) runtime?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The Capsule manifest; unknown fields are preserved.' }) @IsOptional() @IsObject() manifest?: Record<string, unknown>;
  @ApiPropertyOptional({ type: HealthInputDto }) @IsOptional() @ValidateNested() @Type(() => HealthInputDto) health?: HealthInputDto;
  @ApiPropertyOptional({ type: [ConfigInputDto] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ConfigInputDto) configs?: ConfigInputDto[];
  @ApiPropertyOptional({ type: [ActionInputDto] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ActionInputDto) actions?: ActionInputDto[];
}
