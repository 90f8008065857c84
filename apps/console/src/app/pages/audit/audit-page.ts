import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, OnInit } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { listAuditEvents } from '../../api/fn/admin-audit-events/list-audit-events';
import type { AuditEventDto } from '../../api/models/audit-event-dto';
import { SessionStore } from '../../core/auth/session-store';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { ListFooter } from '../../ui/list-footer';
import { PagedQuery } from '../../ui/paged-query';
import { auditQuery, AuditFilters, EMPTY_AUDIT_FILTERS } from './audit-filters';
import { AuditTable } from './audit-table';

@Component({
  selector: 'ops-audit-page',
  imports: [ListFooter, AuditTable, FormsModule, MatFormField, MatLabel, MatInput, MatSelect, MatOption, MatButton, MatIcon, TranslatePipe],
  templateUrl: './audit-page.html',
  styles: `.filters mat-form-field.time { width: 230px; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPage implements OnInit {
  private readonly client = inject(ApiClient);
  protected readonly session = inject(SessionStore);
  protected readonly query = new PagedQuery<AuditEventDto, AuditFilters>(
    ({ page, pageSize, sort }, filters) => this.client.page(listAuditEvents, { page, pageSize, sort, ...auditQuery(filters) }),
    { sort: '-createdAt', filters: EMPTY_AUDIT_FILTERS, url: true },
  );
  /** The form's values until Apply; reset to the applied filters whenever the URL changes them. */
  protected readonly draft = linkedSignal(() => ({ ...this.query.filters() }));
  protected readonly exportQuery = computed(() => new URLSearchParams(auditQuery(this.query.filters())).toString());

  ngOnInit(): void {
    this.query.start();
  }

  apply(): void {
    void this.query.applyFilters(this.draft());
  }

  clear(): void {
    void this.query.clearFilters();
  }

  protected exportUrl(format: 'csv' | 'json'): string {
    const query = this.exportQuery();
    return `/api/admin/audit-events/export?format=${format}${query ? `&${query}` : ''}`;
  }
}
