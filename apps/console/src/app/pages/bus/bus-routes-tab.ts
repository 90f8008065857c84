import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { firstValueFrom } from 'rxjs';
import { deleteBusRoute } from '../../api/fn/admin-bus/delete-bus-route';
import { getBusDiagnostics } from '../../api/fn/admin-bus/get-bus-diagnostics';
import { listBusRoutes } from '../../api/fn/admin-bus/list-bus-routes';
import type { BusRouteDiagnosticsDto } from '../../api/models/bus-route-diagnostics-dto';
import type { BusRouteDto } from '../../api/models/bus-route-dto';
import { SessionStore } from '../../core/auth/session-store';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { AdminStream } from '../../core/stream/admin-stream';
import { confirmAction } from '../../ui/confirm-dialog';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadState } from '../../ui/load-state';
import { Loader, Operation } from '../../ui/loader';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';
import { BusRouteDialog, BusRouteDialogData } from './bus-route-dialog';
import { BusRouteTestPanel } from './bus-route-test-panel';

interface RouteRow {
  route: BusRouteDto;
  counts: BusRouteDiagnosticsDto | null;
}

/** Routes with their diagnostics counts; operators create, edit and delete them. */
@Component({
  selector: 'ops-bus-routes-tab',
  imports: [MatTableModule, MatButton, MatIconButton, MatIcon, MatTooltip, LoadState, ErrorBanner, StatusChip, WhenPipe, TranslatePipe, BusRouteTestPanel],
  templateUrl: './bus-routes-tab.html',
  styles: `
    .toolbar { display: flex; align-items: center; gap: 12px; margin: 12px 0; }
    td.count, th.count { text-align: right; }
    .route-name { font-weight: 500; }
    .description { display: block; }
    .target, .route-actions { white-space: nowrap; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BusRoutesTab implements OnInit {
  private readonly client = inject(ApiClient);
  private readonly dialog = inject(MatDialog);
  protected readonly session = inject(SessionStore);
  protected readonly routes = new Loader(() => this.client.call(listBusRoutes, undefined));
  /** The counts are extra: without them the routes still show (their error state is the routes list's). */
  private readonly counts = new Loader(async () => (await this.client.call(getBusDiagnostics, undefined)).routes);
  protected readonly removal = new Operation();
  protected readonly rows = computed<RouteRow[]>(() => {
    const byId = new Map((this.counts.value() ?? []).map((c) => [c.routeId, c]));
    return (this.routes.value() ?? []).map((route) => ({ route, counts: byId.get(route.id) ?? null }));
  });
  protected readonly columns = computed(() => [
    'name', 'status', 'match', 'target', 'matched', 'dispatched', 'dryRun', 'failed', 'deadLettered', 'lastEventAt',
    ...(this.session.canOperate() ? ['actions'] : []),
  ]);

  constructor() {
    inject(AdminStream).on((message) => {
      if (message.type === 'bus.event') void this.counts.load({ quiet: true });
    });
  }

  ngOnInit(): void {
    void this.load();
  }

  async load(): Promise<void> {
    await Promise.all([this.routes.load(), this.counts.load({ quiet: true })]);
  }

  async edit(route: BusRouteDto | null): Promise<void> {
    const ref = this.dialog.open<BusRouteDialog, BusRouteDialogData, BusRouteDto>(BusRouteDialog, { data: { route }, width: '760px', maxWidth: '95vw', autoFocus: 'first-tabbable' });
    const saved = await firstValueFrom(ref.afterClosed());
    if (saved) await this.load();
  }

  async remove(route: BusRouteDto): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: 'Delete route',
      message: 'The route stops matching events. Its past dispatches stay.',
      facts: [{ label: 'Name', value: route.name }, { label: 'Event type', value: route.match.eventType }, { label: 'Target', value: `${route.target.serviceCode} / ${route.target.actionName}` }],
      confirmLabel: 'Delete',
      danger: true,
    });
    if (!confirmed) return;
    await this.removal.run(() => this.client.call(deleteBusRoute, { routeId: route.id }));
    if (!this.removal.error()) await this.load();
  }
}
