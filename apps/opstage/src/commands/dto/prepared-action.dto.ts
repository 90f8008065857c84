import { ApiProperty } from '@nestjs/swagger';
import { ActionDefinitionDto } from '../../capsule-services/dto/capsule-service-detail.dto';
import { CommandDetailDto } from './command.dto';

export class PreparedActionDto {
  @ApiProperty({ type: ActionDefinitionDto, description: 'The catalogue entry overlaid by the agent’s dynamic fields (identity fields kept).' }) action: ActionDefinitionDto;
  @ApiProperty({ type: 'object', additionalProperties: true }) initialPayload: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) currentState: Record<string, unknown>;
  @ApiProperty({ type: CommandDetailDto }) prepareCommand: CommandDetailDto;
}
