import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { listAuditEvents } from '../../api/fn/admin-audit-events/list-audit-events';
import { listBusAudit } from '../../api/fn/admin-bus/list-bus-audit';
import type { AuditEventDto } from '../../api/models/audit-event-dto';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { ListFooter } from '../../ui/list-footer';
import { PagedQuery } from '../../ui/paged-query';
import { AuditTable } from '../audit/audit-table';

/**
 * The bus's audit rows (`bus.*`, newest first). With `?correlationId=` in the URL it shows one event chain instead,
 * oldest first and across every action (event received, route matched, command created, dispatched, completed).
 */
@Component({
  selector: 'ops-bus-audit-tab',
  imports: [RouterLink, MatButton, MatIcon, AuditTable, ListFooter, TranslatePipe],
  template: `
    @if (query.filters().correlationId; as chain) {
      <div class="chain-header">
        <span>{{ 'Audit chain of correlation ID' | t }} <strong class="mono chain-id">{{ chain }}</strong></span>
        <a mat-button [routerLink]="['/bus']" [queryParams]="{ tab: 'audit' }"><mat-icon>close</mat-icon>{{ 'Every bus audit event' | t }}</a>
      </div>
    } @else {
      <p class="muted chain-header">{{ 'Audit events of the bus (actions starting with bus.), newest first.' | t }}</p>
    }
    <div class="table-wrap">
      <ops-audit-table class="bus-audit-table" [rows]="query.rows()" />
      <ops-list-footer [query]="query" emptyText="No audit events yet." [pageSizeOptions]="[20, 50, 100]" />
    </div>
  `,
  styles: `.chain-header { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; margin: 12px 0; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BusAuditTab implements OnInit {
  private readonly client = inject(ApiClient);
  protected readonly query = new PagedQuery<AuditEventDto, { correlationId: string }>(
    ({ page, pageSize }, { correlationId }) =>
      correlationId
        ? this.client.page(listAuditEvents, { page, pageSize, correlationId, sort: 'createdAt' })
        : this.client.page(listBusAudit, { page, pageSize, sort: '-createdAt' }),
    { filters: { correlationId: '' }, url: true },
  );

  ngOnInit(): void {
    this.query.start();
  }
}
