import { ChangeDetectionStrategy, Component, inject, linkedSignal, OnInit, signal } from '@angular/core';
import { JsonPipe } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { listBusEvents } from '../../api/fn/admin-bus/list-bus-events';
import type { BusEventDto } from '../../api/models/bus-event-dto';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { AdminStream } from '../../core/stream/admin-stream';
import { CopyButton } from '../../ui/copy-button';
import { ListFooter } from '../../ui/list-footer';
import { PagedQuery } from '../../ui/paged-query';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';
import { BusDispatchList } from './bus-dispatch-list';

export interface EventFilters extends Record<string, string> {
  eventType: string;
  sourceServiceCode: string;
  correlationId: string;
}

/** Accepted events, newest first, filtered by the URL's query; each row opens to the dispatches it produced. */
@Component({
  selector: 'ops-bus-events-tab',
  imports: [
    JsonPipe, FormsModule, RouterLink, MatTableModule, MatFormField, MatLabel, MatInput, MatButton, MatIconButton, MatIcon, MatTooltip,
    ListFooter, StatusChip, CopyButton, WhenPipe, TranslatePipe, BusDispatchList,
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
export class BusEventsTab implements OnInit {
  private readonly client = inject(ApiClient);
  protected readonly columns = ['expand', 'acceptedAt', 'eventType', 'source', 'depth', 'correlationId', 'dispatches', 'links'];
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly query = new PagedQuery<BusEventDto, EventFilters>(
    ({ page, pageSize, sort }, { eventType, sourceServiceCode, correlationId }) =>
      this.client.page(listBusEvents, { page, pageSize, sort, eventType: eventType || undefined, sourceServiceCode: sourceServiceCode || undefined, correlationId: correlationId || undefined }),
    { sort: '-acceptedAt', filters: { eventType: '', sourceServiceCode: '', correlationId: '' }, url: true },
  );
  /** The form's values until Apply; reset to the applied filters whenever the URL changes them. */
  protected readonly draft = linkedSignal(() => ({ ...this.query.filters() }));

  constructor() {
    // bus.event: a new event; command.*: a command an event on this page dispatched moved on (its status shows here).
    inject(AdminStream).on((message) => {
      if (message.type === 'bus.event' || (message.type.startsWith('command.') && this.shows(message['commandId']))) void this.query.load();
    });
  }

  ngOnInit(): void {
    this.query.start();
  }

  apply(): void {
    const filters = this.draft();
    void this.query.applyFilters({ eventType: filters.eventType.trim(), sourceServiceCode: filters.sourceServiceCode.trim(), correlationId: filters.correlationId.trim() });
  }

  clear(): void {
    void this.query.clearFilters();
  }

  protected filterBy(key: keyof EventFilters, value: string): void {
    void this.query.filter({ [key]: value });
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

  private shows(commandId: unknown): boolean {
    return this.query.rows().some((event) => event.dispatches.some((dispatch) => dispatch.commandId === commandId));
  }
}
