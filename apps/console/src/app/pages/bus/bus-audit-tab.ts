import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatPaginator } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { map } from 'rxjs';
import { listAuditEvents } from '../../api/fn/admin-audit-events/list-audit-events';
import { listBusAudit } from '../../api/fn/admin-bus/list-bus-audit';
import type { AuditEventDto } from '../../api/models/audit-event-dto';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { LoadState } from '../../ui/load-state';
import { PagedQuery } from '../../ui/paged-query';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';

/**
 * The bus's audit rows (`bus.*`, newest first). With `?correlationId=` in the URL it shows one event chain instead,
 * oldest first and across every action (event received, route matched, command created, dispatched, completed).
 */
@Component({
  selector: 'ops-bus-audit-tab',
  imports: [RouterLink, MatTableModule, MatPaginator, MatButton, MatIcon, LoadState, StatusChip, WhenPipe, TranslatePipe],
  template: `
    @if (correlationId(); as chain) {
      <div class="chain-header">
        <span>{{ 'Audit chain of correlation ID' | t }} <strong class="mono chain-id">{{ chain }}</strong></span>
        <a mat-button [routerLink]="['/bus']" [queryParams]="{ tab: 'audit' }"><mat-icon>close</mat-icon>{{ 'Every bus audit event' | t }}</a>
      </div>
    } @else {
      <p class="muted chain-header">{{ 'Audit events of the bus (actions starting with bus.), newest first.' | t }}</p>
    }
    <div class="table-wrap">
      <table mat-table [dataSource]="query.rows()" class="bus-audit-table">
        <ng-container matColumnDef="createdAt"><th mat-header-cell *matHeaderCellDef>{{ 'Time' | t }}</th><td mat-cell *matCellDef="let e">{{ e.createdAt | when }}</td></ng-container>
        <ng-container matColumnDef="actor"><th mat-header-cell *matHeaderCellDef>{{ 'Actor' | t }}</th><td mat-cell *matCellDef="let e">{{ e.actorType | t }} <span class="mono muted">{{ e.actorId ?? '' }}</span></td></ng-container>
        <ng-container matColumnDef="action"><th mat-header-cell *matHeaderCellDef>{{ 'Action' | t }}</th><td mat-cell *matCellDef="let e" class="mono audit-action">{{ e.action }}</td></ng-container>
        <ng-container matColumnDef="target"><th mat-header-cell *matHeaderCellDef>{{ 'Target' | t }}</th><td mat-cell *matCellDef="let e">{{ e.targetType ?? '—' }} <span class="mono muted">{{ e.targetId ?? '' }}</span></td></ng-container>
        <ng-container matColumnDef="result"><th mat-header-cell *matHeaderCellDef>{{ 'Result' | t }}</th><td mat-cell *matCellDef="let e"><ops-status-chip [status]="e.result" /></td></ng-container>
        <ng-container matColumnDef="message"><th mat-header-cell *matHeaderCellDef>{{ 'Message' | t }}</th><td mat-cell *matCellDef="let e">{{ e.message ?? '' }}</td></ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
      <ops-load-state [loading]="query.loading()" [error]="query.error()" [empty]="query.rows().length === 0" emptyText="No audit events yet." (retry)="query.load()" />
      <mat-paginator [length]="query.total()" [pageIndex]="query.page() - 1" [pageSize]="query.pageSize()" [pageSizeOptions]="[20, 50, 100]" (page)="query.onPage($event)" />
    </div>
  `,
  styles: `.chain-header { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; margin: 12px 0; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BusAuditTab {
  private readonly client = inject(ApiClient);
  protected readonly columns = ['createdAt', 'actor', 'action', 'target', 'result', 'message'];
  protected readonly correlationId = toSignal(inject(ActivatedRoute).queryParamMap.pipe(map((params) => params.get('correlationId') ?? '')), { initialValue: '' });
  protected readonly query = new PagedQuery<AuditEventDto>(({ page, pageSize }) => {
    const correlationId = this.correlationId();
    return correlationId
      ? this.client.page(listAuditEvents, { page, pageSize, correlationId, sort: 'createdAt' })
      : this.client.page(listBusAudit, { page, pageSize, sort: '-createdAt' });
  });

  constructor() {
    effect(() => {
      this.correlationId();
      untracked(() => void this.query.reload());
    });
  }
}
