import { Query } from '@nestjs/cqrs';
import type { Paginated } from '../../../http/paginated';
import type { CommandDto } from '../../dto/command.dto';
import type { ListCommandsQueryDto } from '../../dto/command-requests.dto';

export class ListCommandsQuery extends Query<Paginated<CommandDto>> {
  constructor(readonly filters: ListCommandsQueryDto) {
    super();
  }
}
