import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DANGER_LEVELS } from '../../../../../libs/contracts/src';

export class CapabilityDto {
  @ApiProperty({ example: 'llm.chat' }) code: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() description?: string;
}

export class EventDeclarationDto {
  @ApiProperty({ example: 'order.created' }) type: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional() version?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'JSON Schema of the payload; bus events of this type are checked against it.' })
  payloadSchema?: Record<string, unknown>;
}

export class ServiceEventsDto {
  @ApiProperty({ type: [EventDeclarationDto] }) published: EventDeclarationDto[];
  @ApiProperty({ type: [EventDeclarationDto] }) consumed: EventDeclarationDto[];
}

export class PermissionDto {
  @ApiProperty({ example: 'orders.refund' }) code: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ type: [String], description: 'Actions this permission covers.' }) actions?: string[];
  @ApiPropertyOptional({ enum: DANGER_LEVELS }) dangerLevel?: string;
}
