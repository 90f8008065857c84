import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { listBusDeadLetters } from '../../api/fn/admin-bus/list-bus-dead-letters';
import { replayBusDeadLetter } from '../../api/fn/admin-bus/replay-bus-dead-letter';
import type { BusDispatchDto } from '../../api/models/bus-dispatch-dto';
import { SessionStore } from '../../core/auth/session-store';
import { ApiClient } from '../../core/http/api-client';
import { ApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { AdminStream } from '../../core/stream/admin-stream';
import { CopyButton } from '../../ui/copy-button';
import { ErrorBanner } from '../../ui/error-banner';
import { ListFooter } from '../../ui/list-footer';
import { PagedQuery } from '../../ui/paged-query';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';
import { BusDispatchList } from './bus-dispatch-list';

/** Dispatches that failed; an operator replays one with the route as it is now and sees what happened. */
@Component({
  selector: 'ops-bus-dead-letters-tab',
  imports: [MatTableModule, MatButton, MatIcon, ListFooter, ErrorBanner, CopyButton, StatusChip, WhenPipe, TranslatePipe, BusDispatchList],
  template: `
    <p class="muted intro">{{ 'Matches that could not be dispatched (target missing or unavailable, mapping invalid). A replay uses the route as it is now.' | t }}</p>
    @if (replayed(); as result) {
      <div class="replay-result" role="status" [attr.data-status]="result.status">
        <strong>{{ (result.status === 'FAILED' ? 'Replay failed again' : 'Replayed') | t }}</strong>
        <ops-bus-dispatch-list [dispatches]="[result]" [showPayload]="false" />
      </div>
    }
    <ops-error-banner [error]="replayError()" />
    <div class="table-wrap">
      <table mat-table [dataSource]="query.rows()" class="dead-letters-table">
        <ng-container matColumnDef="createdAt"><th mat-header-cell *matHeaderCellDef>{{ 'Time' | t }}</th><td mat-cell *matCellDef="let d">{{ d.createdAt | when }}</td></ng-container>
        <ng-container matColumnDef="route"><th mat-header-cell *matHeaderCellDef>{{ 'Route' | t }}</th><td mat-cell *matCellDef="let d">{{ d.routeName }}</td></ng-container>
        <ng-container matColumnDef="target"><th mat-header-cell *matHeaderCellDef>{{ 'Target' | t }}</th><td mat-cell *matCellDef="let d" class="mono">{{ d.targetServiceCode }} / {{ d.actionName }}</td></ng-container>
        <ng-container matColumnDef="event">
          <th mat-header-cell *matHeaderCellDef>{{ 'Event' | t }}</th>
          <td mat-cell *matCellDef="let d" class="mono">{{ d.eventId }} <ops-copy-button [value]="d.eventId" label="Copy event ID" /></td>
        </ng-container>
        <ng-container matColumnDef="status"><th mat-header-cell *matHeaderCellDef>{{ 'Status' | t }}</th><td mat-cell *matCellDef="let d"><ops-status-chip [status]="d.status" /></td></ng-container>
        <ng-container matColumnDef="error">
          <th mat-header-cell *matHeaderCellDef>{{ 'Error' | t }}</th>
          <td mat-cell *matCellDef="let d"><strong class="error-text mono">{{ d.errorCode ?? '' }}</strong> {{ d.errorMessage ?? '' }}
            @for (issue of d.issues ?? []; track $index) { <div class="error-text mono">{{ issue.path }}: {{ issue.message }}</div> }</td>
        </ng-container>
        <ng-container matColumnDef="attempts"><th mat-header-cell *matHeaderCellDef>{{ 'Attempts' | t }}</th><td mat-cell *matCellDef="let d">{{ d.attempts }}</td></ng-container>
        <ng-container matColumnDef="replay">
          <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">{{ 'Replay' | t }}</span></th>
          <td mat-cell *matCellDef="let d">
            <button mat-stroked-button type="button" class="replay" (click)="replay(d)" [disabled]="replaying() === d.id"><mat-icon>replay</mat-icon>{{ 'Replay' | t }}</button>
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let row; columns: columns()" [attr.data-dispatch]="row.id"></tr>
      </table>
      <ops-list-footer [query]="query" emptyText="No dead letters." [pageSizeOptions]="[20, 50, 100]" />
    </div>
  `,
  styles: `
    .intro { margin: 12px 0; }
    .replay-result { border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; padding: 8px 12px; margin-bottom: 12px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BusDeadLettersTab implements OnInit {
  private readonly client = inject(ApiClient);
  private readonly session = inject(SessionStore);
  protected readonly columns = computed(() => ['createdAt', 'route', 'target', 'event', 'status', 'error', 'attempts', ...(this.session.canOperate() ? ['replay'] : [])]);
  protected readonly query = new PagedQuery<BusDispatchDto>(({ page, pageSize, sort }) => this.client.page(listBusDeadLetters, { page, pageSize, sort }), '-createdAt');
  protected readonly replaying = signal<string | null>(null);
  protected readonly replayed = signal<BusDispatchDto | null>(null);
  protected readonly replayError = signal<ApiError | null>(null);

  constructor() {
    inject(AdminStream).on((message) => {
      if (message.type === 'bus.event') void this.query.load();
    });
  }

  ngOnInit(): void {
    void this.query.load();
  }

  async replay(dispatch: BusDispatchDto): Promise<void> {
    this.replaying.set(dispatch.id);
    this.replayed.set(null);
    this.replayError.set(null);
    try {
      this.replayed.set(await this.client.call(replayBusDeadLetter, { dispatchId: dispatch.id }));
      await this.query.load();
    } catch (error) {
      this.replayError.set(ApiError.from(error));
    } finally {
      this.replaying.set(null);
    }
  }
}
