import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { AGENT_MODES, type AgentMode } from '../../../../../libs/contracts/src';
import { CapsuleServiceDto } from '../../capsule-services/dto/capsule-service.dto';
import { HealthInputDto, ReportedServiceDto } from '../../capsule-services/dto/reported-service.dto';

export class AgentIdentityDto {
  @ApiProperty({ minLength: 1, maxLength: 120, description: 'Stable agent code, unique in the workspace.' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, { message: 'code may contain letters, digits, _ . : -' })
  code: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: AGENT_MODES, default: 'embedded' }) @IsOptional() @IsIn(AGENT_MODES) mode?: AgentMode;
  @ApiPropertyOptional({ maxLength: 40 }) @IsOptional() @IsString() @MaxLength(40) runtime?: string;
}

export class RegisterAgentDto {
  @ApiProperty({ pattern: '^opstage_reg_' }) @IsString() @MaxLength(200) @Matches(/^opstage_reg_/, { message: 'registrationToken must start with opstage_reg_' }) registrationToken: string;
  @ApiProperty({ type: AgentIdentityDto }) @ValidateNested() @Type(() => AgentIdentityDto) agent: AgentIdentityDto;
  @ApiPropertyOptional({ type: ReportedServiceDto, description: 'First service report, piggy-backed (embedded agents).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportedServiceDto)
  service?: ReportedServiceDto;
}

export class AgentCadenceDto {
  @ApiProperty({ type: 'integer' }) heartbeatIntervalSeconds: number;
  @ApiProperty({ type: 'integer' }) commandPollIntervalSeconds: number;
  @ApiProperty({ type: 'integer', description: 'Longest waitSeconds the command poll accepts.' }) maxCommandWaitSeconds: number;
}

export class RegisterAgentResponseDto extends AgentCadenceDto {
  @ApiProperty({ pattern: '^agt_' }) agentId: string;
  @ApiProperty({ pattern: '^opstage_agent_', description: 'Returned only once; only its hash is stored.' }) agentToken: string;
}

export class HeartbeatDto {
  @ApiPropertyOptional({ pattern: '^svc_' }) @IsOptional() @IsString() @Matches(/^svc_[A-Za-z0-9_-]{1,64}$/, { message: 'serviceId must start with svc_' }) serviceId?: string;
  @ApiPropertyOptional({ type: HealthInputDto }) @IsOptional() @ValidateNested() @Type(() => HealthInputDto) health?: HealthInputDto;
}

export class ServiceReportDto {
  @ApiProperty({ type: [ReportedServiceDto] }) @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => ReportedServiceDto) services: ReportedServiceDto[];
}

export class ServiceReportResponseDto {
  @ApiProperty({ type: [CapsuleServiceDto] }) services: CapsuleServiceDto[];
}
