import { ApiProperty } from '@nestjs/swagger';
import { DANGER_LEVELS } from '../../../../../libs/contracts/src';
import { CommandDetailDto } from './command.dto';

/** The action definition as the prepare answers it: the catalogue entry overlaid by the agent's dynamic fields. */
export class PreparedActionDefinitionDto {
  @ApiProperty({ pattern: '^act_' }) id: string;
  @ApiProperty({ pattern: '^svc_' }) serviceId: string;
  @ApiProperty() name: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: DANGER_LEVELS }) dangerLevel: string;
  @ApiProperty() requiresConfirmation: boolean;
  @ApiProperty({ type: String, nullable: true }) category: string | null;
  @ApiProperty({ type: Number, nullable: true }) order: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) inputSchema: Record<string, unknown>;
  @ApiProperty({ type: Number, nullable: true }) timeoutSeconds: number | null;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PreparedActionDto {
  @ApiProperty({ type: PreparedActionDefinitionDto }) action: PreparedActionDefinitionDto;
  @ApiProperty({ type: 'object', additionalProperties: true }) initialPayload: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) currentState: Record<string, unknown>;
  @ApiProperty({ type: CommandDetailDto }) prepareCommand: CommandDetailDto;
}
