import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { KeyValuePipe } from '@angular/common';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { listCapsuleServices } from '../../api/fn/admin-capsule-services/list-capsule-services';
import { getDashboardSummary } from '../../api/fn/admin-dashboard/get-dashboard-summary';
import type { CapsuleServiceDto } from '../../api/models/capsule-service-dto';
import type { DashboardSummaryDto } from '../../api/models/dashboard-summary-dto';
import { ApiClient } from '../../core/http/api-client';
import { ApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { AdminStream } from '../../core/stream/admin-stream';
import { LoadState } from '../../ui/load-state';
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
  protected readonly summary = signal<DashboardSummaryDto | null>(null);
  /** Services that need attention: never shown as healthy when stale. */
  protected readonly troubled = signal<CapsuleServiceDto[]>([]);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    // Coalesce bursts of stream events into one refresh.
    this.stream.on(() => {
      if (this.refreshTimer) return;
      this.refreshTimer = setTimeout(() => {
        this.refreshTimer = null;
        void this.load();
      }, 300);
    });
  }

  ngOnInit(): void {
    void this.load();
  }

  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const [summary, troubled] = await Promise.all([
        this.client.call(getDashboardSummary, undefined),
        this.client.page(listCapsuleServices, { status: ['UNHEALTHY', 'STALE', 'OFFLINE'], pageSize: 10, sort: 'status' }),
      ]);
      this.summary.set(summary);
      this.troubled.set(troubled.data);
    } catch (error) {
      this.error.set(ApiError.from(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected total(counts: Record<string, number> | undefined): number {
    return Object.values(counts ?? {}).reduce((sum, count) => sum + count, 0);
  }
}
