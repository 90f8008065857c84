import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/sqlite';
import type { FilterQuery } from '@mikro-orm/core';
import { Paginated } from '../../../http/paginated';
import { findPage } from '../../../http/find-page';
import { Command } from '../../command.entity';
import { CommandDto } from '../../dto/command.dto';
import { ListCommandsQuery } from '../impl/list-commands.query';

/** `finishedAt` is the contract's name for `completedAt`. */
const SORTABLE = { createdAt: 'createdAt', completedAt: 'completedAt', finishedAt: 'completedAt' };

@QueryHandler(ListCommandsQuery)
export class ListCommandsHandler implements IQueryHandler<ListCommandsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ filters }: ListCommandsQuery): Promise<Paginated<CommandDto>> {
    const where: FilterQuery<Command> = {};
    if (filters.status?.length) where.status = { $in: filters.status };
    if (filters.type) where.type = filters.type;
    if (filters.actionName) where.actionName = filters.actionName;
    if (filters.agentId) where.agentId = filters.agentId;
    if (filters.serviceId) where.serviceId = filters.serviceId;
    const { rows, pagination } = await findPage(this.em.fork(), Command, where, filters, { allowed: SORTABLE, fallback: '-createdAt' });
    return new Paginated(rows.map((row) => CommandDto.from(row)), pagination);
  }
}
