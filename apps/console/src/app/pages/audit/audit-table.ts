import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatSort, MatSortHeader, Sort, SortDirection } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import type { AuditEventDto } from '../../api/models/audit-event-dto';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';

export type AuditColumn = 'createdAt' | 'actor' | 'action' | 'target' | 'command' | 'result' | 'message';

/** Audit rows as the audit page and a service's Audit tab show them; `command` links the command a row names. */
@Component({
  selector: 'ops-audit-table',
  imports: [RouterLink, MatTableModule, MatSort, MatSortHeader, StatusChip, WhenPipe, TranslatePipe],
  template: `
    <table mat-table [dataSource]="rows()" matSort [matSortDisabled]="!sortable()" [matSortActive]="sortActive()" [matSortDirection]="sortDirection()" (matSortChange)="sortChange.emit($event)">
      <ng-container matColumnDef="createdAt"><th mat-header-cell *matHeaderCellDef mat-sort-header>{{ 'Time' | t }}</th><td mat-cell *matCellDef="let e">{{ e.createdAt | when }}</td></ng-container>
      <ng-container matColumnDef="actor"><th mat-header-cell *matHeaderCellDef>{{ 'Actor' | t }}</th><td mat-cell *matCellDef="let e">{{ e.actorType | t }} <span class="mono muted">{{ e.actorId ?? '' }}</span></td></ng-container>
      <ng-container matColumnDef="action"><th mat-header-cell *matHeaderCellDef>{{ 'Action' | t }}</th><td mat-cell *matCellDef="let e" class="mono audit-action">{{ e.action }}</td></ng-container>
      <ng-container matColumnDef="target"><th mat-header-cell *matHeaderCellDef>{{ 'Target' | t }}</th><td mat-cell *matCellDef="let e">{{ e.targetType ?? '—' }} <span class="mono muted">{{ e.targetId ?? '' }}</span></td></ng-container>
      <ng-container matColumnDef="command"><th mat-header-cell *matHeaderCellDef>{{ 'Command' | t }}</th><td mat-cell *matCellDef="let e">
        @if (e.metadata?.commandId; as commandId) { <a class="link mono audit-command" [routerLink]="['/commands', commandId]">{{ e.metadata?.actionName ?? commandId }}</a> }
      </td></ng-container>
      <ng-container matColumnDef="result"><th mat-header-cell *matHeaderCellDef>{{ 'Result' | t }}</th><td mat-cell *matCellDef="let e"><ops-status-chip [status]="e.result" /></td></ng-container>
      <ng-container matColumnDef="message"><th mat-header-cell *matHeaderCellDef>{{ 'Message' | t }}</th><td mat-cell *matCellDef="let e">{{ e.message ?? '' }}</td></ng-container>
      <tr mat-header-row *matHeaderRowDef="columns()"></tr>
      <tr mat-row *matRowDef="let row; columns: columns()"></tr>
    </table>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditTable {
  readonly rows = input.required<AuditEventDto[]>();
  readonly columns = input<AuditColumn[]>(['createdAt', 'actor', 'action', 'target', 'result', 'message']);
  readonly sortable = input(false);
  readonly sortActive = input('');
  readonly sortDirection = input<SortDirection>('');
  readonly sortChange = output<Sort>();
}
