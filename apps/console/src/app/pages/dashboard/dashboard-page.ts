import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { KeyValuePipe } from '@angular/common';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { listCapsuleServices } from '../../api/fn/admin-capsule-services/list-capsule-services';
import { getDashboardSummary } from '../../api/fn/admin-dashboard/get-dashboard-summary';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { AdminStream } from '../../core/stream/admin-stream';
import { LoadState } from '../../ui/load-state';
import { Loader } from '../../ui/loader';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';

@Component({
  selector: 'ops-dashboard-page',
  imports: [RouterLink, KeyValuePipe, MatCard, MatCardHeader, MatCardTitle, MatCardContent, LoadState, StatusChip, WhenPipe, TranslatePipe],
  templateUrl: './dashboard-page.html',
  styles: `
    .count-row { display: flex; justify-content: space-between; align-items: center; padding: 2px 0; }
    .total { font: var(--mat-sys-display-small); }
    .recent { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
    .recent ul { list-style: none; padding: 0; margin: 0; }
    .recent li { display: flex; gap: 8px; align-items: center; padding: 6px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .live { font: var(--mat-sys-label-medium); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage implements OnInit {
  private readonly client = inject(ApiClient);
  protected readonly stream = inject(AdminStream);
  /** The summary, and the services that need attention (never shown as healthy when stale). */
  protected readonly view = new Loader(async () => {
    const [summary, troubled] = await Promise.all([
      this.client.call(getDashboardSummary, undefined),
      this.client.page(listCapsuleServices, { status: ['UNHEALTHY', 'STALE', 'OFFLINE'], pageSize: 10, sort: 'status' }),
    ]);
    return { summary, troubled: troubled.data };
  });
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    // Coalesce bursts of stream events into one refresh.
    this.stream.on(() => {
      if (this.refreshTimer) return;
      this.refreshTimer = setTimeout(() => {
        this.refreshTimer = null;
        void this.view.load({ quiet: true });
      }, 300);
    });
  }

  ngOnInit(): void {
    void this.view.load();
  }

  protected total(counts: Record<string, number> | undefined): number {
    return Object.values(counts ?? {}).reduce((sum, count) => sum + count, 0);
  }
}
