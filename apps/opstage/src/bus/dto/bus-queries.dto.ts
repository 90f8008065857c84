import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../../http/page-query.dto';
import { IdFilter, TextFilter } from '../../http/query-transforms';

export class ListBusEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 120, description: 'Exact event type.' }) @TextFilter(120) eventType?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 80 }) @TextFilter(80) sourceServiceCode?: string;
  @ApiPropertyOptional({ pattern: '^agt_' }) @IdFilter('agt') agentId?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: 'Every event of one chain.' }) @TextFilter(200) correlationId?: string;
}
