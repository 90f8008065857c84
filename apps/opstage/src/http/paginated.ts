export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
}

export class Paginated<T> {
  constructor(
    readonly items: T[],
    readonly pagination: Pagination,
    readonly extra: Record<string, unknown> = {},
  ) {}
}
