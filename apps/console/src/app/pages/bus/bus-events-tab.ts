import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { JsonPipe } from '@angular/common';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatPaginator } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { map } from 'rxjs';
import { listBusEvents } from '../../api/fn/admin-bus/list-bus-events';
import type { BusEventDto } from '../../api/models/bus-event-dto';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { AdminStream } from '../../core/stream/admin-stream';
import { CopyButton } from '../../ui/copy-button';
import { LoadState } from '../../ui/load-state';
import { PagedQuery } from '../../ui/paged-query';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';
import { BusDispatchList } from './bus-dispatch-list';

export interface EventFilters {
  eventType: string;
  sourceServiceCode: string;
  correlationId: string;
}

const FILTER_KEYS: (keyof EventFilters)[] = ['eventType', 'sourceServiceCode', 'correlationId'];

/** Accepted events, newest first, filtered by the URL's query; each row opens to the dispatches it produced. */
@Component({
  selector: 'ops-bus-events-tab',
  imports: [
    JsonPipe, FormsModule, RouterLink, MatTableModule, MatPaginator, MatFormField, MatLabel, MatInput, MatButton, MatIconButton, MatIcon, MatTooltip,
    LoadState, StatusChip, CopyButton, WhenPipe, TranslatePipe, BusDispatchList,
  ],
  templateUrl: './bus-events-tab.html',
  styles: `
    .filters { margin-top: 12px; }
    .filters mat-form-field.correlation { width: 300px; }
    tr.detail-row { height: 0; }
    tr.detail-row td { padding: 0 16px; border-bottom-width: 0; }
    tr.detail-row.open td { padding: 8px 16px 16px; border-bottom-width: 1px; }
    tr.event-row.open td { border-bottom-width: 0; }
    .detail { display: grid; grid-template-columns: minmax(260px, 1fr) 2fr; gap: 16px; }
    .detail h3 { font: var(--mat-sys-title-small); margin: 8px 0; }
    .chips { display: flex; gap: 4px; flex-wrap: wrap; }
    @media (max-width: 900px) { .detail { grid-template-columns: 1fr; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BusEventsTab {
  private readonly client = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly columns = ['expand', 'acceptedAt', 'eventType', 'source', 'depth', 'correlationId', 'dispatches', 'links'];
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  /** The filters as the URL has them (applied); `draft` is what the form shows until Apply. */
  private readonly applied = toSignal(this.route.queryParamMap.pipe(map((params) => readFilters((key) => params.get(key)))), { initialValue: readFilters(() => null) });
  protected draft: EventFilters = { eventType: '', sourceServiceCode: '', correlationId: '' };
  protected readonly query = new PagedQuery<BusEventDto>(
    ({ page, pageSize, sort }) => this.client.page(listBusEvents, { page, pageSize, sort, ...nonEmpty(this.applied()) }),
    '-acceptedAt',
  );

  constructor() {
    effect(() => {
      const filters = this.applied();
      untracked(() => {
        this.draft = { ...filters };
        void this.query.reload();
      });
    });
    // bus.event: a new event; command.*: a dispatched command moved on (its status shows in the dispatch list).
    inject(AdminStream).on((message) => {
      if (message.type === 'bus.event' || message.type.startsWith('command.')) void this.query.load();
    });
  }

  apply(filters: EventFilters = this.draft): void {
    const queryParams: Record<string, string | null> = {};
    for (const key of FILTER_KEYS) queryParams[key] = filters[key].trim() || null;
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge' });
  }

  clear(): void {
    this.apply({ eventType: '', sourceServiceCode: '', correlationId: '' });
  }

  protected filterBy(key: keyof EventFilters, value: string): void {
    this.apply({ ...this.applied(), [key]: value });
  }

  protected toggle(id: string): void {
    const next = new Set(this.expanded());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.expanded.set(next);
  }

  protected isOpen(id: string): boolean {
    return this.expanded().has(id);
  }
}

function readFilters(get: (key: string) => string | null): EventFilters {
  return { eventType: get('eventType') ?? '', sourceServiceCode: get('sourceServiceCode') ?? '', correlationId: get('correlationId') ?? '' };
}

function nonEmpty(filters: EventFilters): Partial<EventFilters> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value)) as Partial<EventFilters>;
}
