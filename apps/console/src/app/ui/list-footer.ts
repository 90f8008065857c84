import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatPaginator } from '@angular/material/paginator';
import { LoadState } from './load-state';
import type { PagedQuery } from './paged-query';

/** What the footer reads of a query, whatever its rows and filters. */
type PagedList = Pick<PagedQuery<unknown>, 'rows' | 'total' | 'page' | 'pageSize' | 'loading' | 'error' | 'load' | 'onPage'>;

/** Under every server-paged table: its loading, error and empty states, and the paginator, all driven by the query. */
@Component({
  selector: 'ops-list-footer',
  imports: [LoadState, MatPaginator],
  template: `
    @let q = query();
    <ops-load-state [loading]="q.loading()" [error]="q.error()" [empty]="q.rows().length === 0" [emptyText]="emptyText()" (retry)="q.load()" />
    <mat-paginator [length]="q.total()" [pageIndex]="q.page() - 1" [pageSize]="q.pageSize()" [pageSizeOptions]="pageSizeOptions()" (page)="q.onPage($event)" />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListFooter {
  readonly query = input.required<PagedList>();
  readonly emptyText = input('Nothing here yet.');
  readonly pageSizeOptions = input([10, 20, 50, 100]);
}
