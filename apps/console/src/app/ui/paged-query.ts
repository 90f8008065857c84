import { signal } from '@angular/core';
import type { PageEvent } from '@angular/material/paginator';
import type { Sort } from '@angular/material/sort';
import type { Page } from '../core/http/api-client';
import { ApiError } from '../core/http/api-error';

export interface PageRequest {
  page: number;
  pageSize: number;
  sort?: string;
}

/** Server-side paging and sorting state for one list page: the page asks, this keeps rows, total, loading and error. */
export class PagedQuery<T> {
  readonly rows = signal<T[]>([]);
  readonly total = signal(0);
  readonly page = signal(1);
  readonly pageSize = signal(20);
  readonly sort = signal<string | undefined>(undefined);
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);
  private generation = 0;

  constructor(private readonly fetch: (request: PageRequest) => Promise<Page<T>>, defaultSort?: string) {
    this.sort.set(defaultSort);
  }

  async load(): Promise<void> {
    const generation = ++this.generation;
    this.loading.set(true);
    this.error.set(null);
    try {
      const result = await this.fetch({ page: this.page(), pageSize: this.pageSize(), sort: this.sort() });
      if (generation !== this.generation) return;
      this.rows.set(result.data);
      this.total.set(result.pagination.total);
    } catch (error) {
      if (generation === this.generation) this.error.set(ApiError.from(error));
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }

  /** Filters changed: back to the first page. */
  reload(): Promise<void> {
    this.page.set(1);
    return this.load();
  }

  onPage(event: PageEvent): void {
    this.page.set(event.pageIndex + 1);
    this.pageSize.set(event.pageSize);
    void this.load();
  }

  onSort(sort: Sort): void {
    this.sort.set(sort.direction ? `${sort.direction === 'desc' ? '-' : ''}${sort.active}` : undefined);
    void this.reload();
  }
}
