import type { EntityManager } from '@mikro-orm/sqlite';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { PageQueryDto, pageWindow } from './page-query.dto';
import type { Pagination } from './paginated';
import { parseSort } from './sort';

export interface SortSpec {
  /** Wire field name → entity property. */
  allowed: Record<string, string>;
  /** Used when the request has no `sort`, e.g. `-createdAt`. */
  fallback: string;
}

/** One page of an admin list: rows matching `where`, ordered by the endpoint's allowed sort fields, and the total. */
export async function findPage<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  query: PageQueryDto,
  sort: SortSpec,
): Promise<{ rows: T[]; pagination: Pagination }> {
  const { page, pageSize, offset } = pageWindow(query);
  const [rows, total] = await em.findAndCount(entity, where as never, { orderBy: parseSort(query.sort, sort.allowed, sort.fallback) as never, limit: pageSize, offset });
  return { rows: rows as T[], pagination: { page, pageSize, total } };
}
