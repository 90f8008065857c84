import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/sqlite';
import type { FilterQuery } from '@mikro-orm/core';
import { pageWindow } from '../../../http/page-query.dto';
import { Paginated } from '../../../http/paginated';
import { parseSort } from '../../../http/sort';
import { Command } from '../../command.entity';
import { CommandDto } from '../../dto/command.dto';
import { ListCommandsQuery } from '../impl/list-commands.query';

/** `finishedAt` is the contract's name for `completedAt`. */
const SORTABLE = { createdAt: 'createdAt', completedAt: 'completedAt', finishedAt: 'completedAt' };

@QueryHandler(ListCommandsQuery)
export class ListCommandsHandler implements IQueryHandler<ListCommandsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ filters }: ListCommandsQuery): Promise<Paginated<CommandDto>> {
    const { page, pageSize, offset } = pageWindow(filters);
    const where: FilterQuery<Command> = {};
    if (filters.status?.length) where.status = { $in: filters.status };
    if (filters.type) where.type = filters.type;
    if (filters.actionName) where.actionName = filters.actionName;
    if (filters.agentId) where.agentId = filters.agentId;
    if (filters.serviceId) where.serviceId = filters.serviceId;
    const orderBy = parseSort(filters.sort, SORTABLE, '-createdAt');
    const [rows, total] = await this.em.fork().findAndCount(Command, where, { orderBy, limit: pageSize, offset });
    return new Paginated(rows.map((row) => CommandDto.from(row)), { page, pageSize, total });
  }
}
