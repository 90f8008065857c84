import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENT_MODES, AGENT_STATUSES, type AgentMode, type AgentStatus } from '../../../../../libs/contracts/src';
import { CapsuleServiceDto } from '../../capsule-services/dto/capsule-service.dto';
import { PageQueryDto } from '../../http/page-query.dto';
import { EnumFilter, EnumListFilter, TextFilter } from '../../http/query-transforms';
import { Agent } from '../agent.entity';

export class AgentDto {
  @ApiProperty({ pattern: '^agt_' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ enum: AGENT_MODES }) mode: AgentMode;
  @ApiProperty({ type: String, nullable: true }) runtime: string | null;
  @ApiProperty({ enum: AGENT_STATUSES }) status: AgentStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastHeartbeatAt: string | null;
  @ApiProperty({ description: 'An operator allowed the next registration to revive this DISABLED/REVOKED agent.' }) reenrolAllowed: boolean;
  @ApiProperty({ type: 'integer' }) serviceCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(agent: Agent, serviceCount: number): AgentDto {
    return {
      id: agent.id,
      code: agent.code,
      name: agent.name,
      mode: agent.mode,
      runtime: agent.runtime,
      status: agent.status,
      lastHeartbeatAt: agent.lastHeartbeatAt?.toISOString() ?? null,
      reenrolAllowed: agent.reenrolAllowed,
      serviceCount,
      createdAt: agent.createdAt.toISOString(),
      updatedAt: agent.updatedAt.toISOString(),
    };
  }
}

export class AgentDetailDto extends AgentDto {
  @ApiProperty({ type: [CapsuleServiceDto] }) services: CapsuleServiceDto[];
}

export class ListAgentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AGENT_STATUSES, isArray: true }) @EnumListFilter(AGENT_STATUSES) status?: AgentStatus[];
  @ApiPropertyOptional({ enum: AGENT_MODES }) @EnumFilter(AGENT_MODES) mode?: AgentMode;
  @ApiPropertyOptional({ minLength: 1, maxLength: 120 }) @TextFilter(120) q?: string;
}
