import { computed, DestroyRef, inject, signal, WritableSignal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Params, Router } from '@angular/router';
import { distinctUntilChanged } from 'rxjs';
import type { PageEvent } from '@angular/material/paginator';
import type { Sort, SortDirection } from '@angular/material/sort';
import type { Page } from '../core/http/api-client';
import { ApiError } from '../core/http/api-error';
import { Filters, filtersFromParams, filtersToParams, ParamsLike } from './url-filters';

export interface PageRequest {
  page: number;
  pageSize: number;
  sort?: string;
}

export interface PagedQueryOptions<F extends Filters> {
  /** `field` or `-field`. */
  sort?: string;
  pageSize?: number;
  /** The filters with their empty values; their types say how each one reads from the URL. */
  filters?: F;
  /**
   * Keep filters, page, page size and sort in the URL's query, so reload, links and back keep them. Other query
   * parameters (a page's `tab`) stay as they are, and a change of only those does not reload the list.
   */
  url?: boolean;
}

/**
 * Server-side paging, sorting and filtering state for one list: the page asks, this keeps rows, total, loading and
 * error. With `url: true` the URL is the source of truth: a change navigates, and every navigation (back, a link, a
 * reload) reads the filters from the query and loads.
 */
export class PagedQuery<T, F extends Filters = Filters> {
  readonly rows = signal<T[]>([]);
  readonly total = signal(0);
  readonly page = signal(1);
  readonly pageSize: WritableSignal<number>;
  readonly sort = signal<string | undefined>(undefined);
  readonly filters: WritableSignal<F>;
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);
  /** For `matSortActive` / `matSortDirection`, so the header shows the sort the URL asked for. */
  readonly sortActive = computed(() => this.sort()?.replace(/^-/, '') ?? '');
  readonly sortDirection = computed<SortDirection>(() => (this.sort() ? (this.sort()!.startsWith('-') ? 'desc' : 'asc') : ''));
  private readonly defaults: { sort?: string; pageSize: number; filters: F };
  private readonly url?: { router: Router; route: ActivatedRoute; destroyRef: DestroyRef };
  private generation = 0;

  constructor(
    private readonly fetch: (request: PageRequest, filters: F) => Promise<Page<T>>,
    options: PagedQueryOptions<F> | string = {},
  ) {
    const { sort, pageSize = 20, filters = {} as F, url = false } = typeof options === 'string' ? { sort: options } : options;
    this.defaults = { sort, pageSize, filters };
    this.sort.set(sort);
    this.pageSize = signal(pageSize);
    this.filters = signal({ ...filters });
    if (url) this.url = { router: inject(Router), route: inject(ActivatedRoute), destroyRef: inject(DestroyRef) };
  }

  /** First load; with `url`, also every later change of the URL's query. */
  start(): void {
    if (!this.url) {
      void this.load();
      return;
    }
    const owned = [...Object.keys(this.defaults.filters), 'page', 'pageSize', 'sort'];
    this.url.route.queryParamMap
      .pipe(
        distinctUntilChanged((a, b) => owned.every((key) => a.getAll(key).join('\n') === b.getAll(key).join('\n'))),
        takeUntilDestroyed(this.url.destroyRef),
      )
      .subscribe((params) => {
        this.readUrl(params);
        void this.load();
      });
  }

  async load(): Promise<void> {
    const generation = ++this.generation;
    this.loading.set(true);
    this.error.set(null);
    try {
      const result = await this.fetch({ page: this.page(), pageSize: this.pageSize(), sort: this.sort() }, this.filters());
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
    return this.commit();
  }

  /** Changes some filters (the others stay) and reloads from the first page; a patch that changes nothing is ignored. */
  filter(patch: Partial<F>): Promise<void> {
    const current = this.filters();
    if (Object.entries(patch).every(([key, value]) => JSON.stringify(value) === JSON.stringify(current[key]))) return Promise.resolve();
    this.filters.set({ ...current, ...patch });
    return this.reload();
  }

  /** Replaces every filter and reloads from the first page, even when nothing changed (an explicit Apply). */
  applyFilters(filters: F): Promise<void> {
    this.filters.set({ ...filters });
    return this.reload();
  }

  /** Back to the default filters. */
  clearFilters(): Promise<void> {
    this.filters.set({ ...this.defaults.filters });
    return this.reload();
  }

  onPage(event: PageEvent): void {
    this.page.set(event.pageIndex + 1);
    this.pageSize.set(event.pageSize);
    void this.commit();
  }

  onSort(sort: Sort): void {
    this.sort.set(sort.direction ? `${sort.direction === 'desc' ? '-' : ''}${sort.active}` : undefined);
    void this.reload();
  }

  /** Loads now, or (with `url`) navigates to the URL of the new state; the navigation loads. */
  private async commit(): Promise<void> {
    if (!this.url) return this.load();
    // Every parameter this query owns, null (removed) unless it differs from its default; the others are merged over.
    const queryParams: Params = {
      ...Object.fromEntries(Object.keys(this.defaults.filters).map((key) => [key, null])),
      ...filtersToParams(this.filters(), this.defaults.filters),
      page: this.page() !== 1 ? String(this.page()) : null,
      pageSize: this.pageSize() !== this.defaults.pageSize ? String(this.pageSize()) : null,
      sort: this.sort() !== this.defaults.sort ? (this.sort() ?? '') : null,
    };
    const navigated = await this.url.router.navigate([], { relativeTo: this.url.route, queryParams, queryParamsHandling: 'merge' });
    // The same URL again (a re-applied filter) is no navigation: load anyway, as the operator asked.
    if (!navigated) await this.load();
  }

  private readUrl(params: ParamsLike): void {
    const positive = (value: string | null, fallback: number) => (value && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : fallback);
    this.filters.set(filtersFromParams(params, this.defaults.filters));
    this.page.set(positive(params.get('page'), 1));
    this.pageSize.set(positive(params.get('pageSize'), this.defaults.pageSize));
    const sort = params.get('sort');
    this.sort.set(sort === null ? this.defaults.sort : sort || undefined);
  }
}
