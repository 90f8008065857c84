import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { JsonPipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import { getCapsuleService } from '../../api/fn/admin-capsule-services/get-capsule-service';
import { listCapsuleServiceHealthHistory } from '../../api/fn/admin-capsule-services/list-capsule-service-health-history';
import { listAuditEvents } from '../../api/fn/admin-audit-events/list-audit-events';
import { listCommands } from '../../api/fn/admin-commands/list-commands';
import type { ActionDefinitionDto } from '../../api/models/action-definition-dto';
import type { CommandDto } from '../../api/models/command-dto';
import type { AuditEventDto } from '../../api/models/audit-event-dto';
import type { ConfigItemDto } from '../../api/models/config-item-dto';
import type { HealthReportDto } from '../../api/models/health-report-dto';
import { ActionPanel } from '../../action-panel/action-panel';
import { SessionStore } from '../../core/auth/session-store';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { AdminStream } from '../../core/stream/admin-stream';
import { CopyButton } from '../../ui/copy-button';
import { LoadState } from '../../ui/load-state';
import { Loader } from '../../ui/loader';
import { ListFooter } from '../../ui/list-footer';
import { PagedQuery } from '../../ui/paged-query';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';
import { AuditColumn, AuditTable } from '../audit/audit-table';
import { HealthTimeline } from './health-timeline';
import { OperationStatus } from './operation-status';
import { ServiceMetadata } from './service-metadata';

const MASK = '••••••••';
/** How many of the latest health reports the timeline charts (the API's largest page). */
const TIMELINE_REPORTS = 100;
/** Whether a page of the history table lies within the reports the timeline reads. */
const amongLatest = (page: number, pageSize: number) => page * pageSize <= TIMELINE_REPORTS;

@Component({
  selector: 'ops-service-detail-page',
  imports: [ListFooter, JsonPipe, RouterLink, MatCard, MatCardContent, MatTabsModule, MatTableModule, ActionPanel, AuditTable, HealthTimeline, OperationStatus, ServiceMetadata, LoadState, StatusChip, CopyButton, WhenPipe, TranslatePipe],
  templateUrl: './service-detail-page.html',
  styles: `mat-card { margin: 12px 0; } .category { font: var(--mat-sys-title-small); margin: 16px 0 8px; } .tab-body { padding: 12px 0; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceDetailPage {
  readonly serviceId = input.required<string>();
  private readonly client = inject(ApiClient);
  protected readonly session = inject(SessionStore);
  protected readonly detail = new Loader(() => this.client.call(getCapsuleService, { serviceId: this.serviceId() }));
  protected readonly service = this.detail.value;
  protected readonly configColumns = ['key', 'label', 'type', 'value', 'defaultValue', 'source', 'flags'];
  protected readonly historyColumns = ['status', 'message', 'reportedAt'];
  protected readonly commandColumns = ['status', 'actionName', 'createdAt', 'error'];
  protected readonly commands = new PagedQuery<CommandDto>(({ page, pageSize, sort }) => this.client.page(listCommands, { serviceId: this.serviceId(), type: 'ACTION_EXECUTE', page, pageSize, sort }), '-createdAt');
  protected readonly auditColumns: AuditColumn[] = ['createdAt', 'actor', 'action', 'command', 'result', 'message'];
  /** Audit rows that target this service: its reports, and every action requested or prepared on it (with the command). */
  protected readonly audit = new PagedQuery<AuditEventDto>(
    ({ page, pageSize, sort }) => this.client.page(listAuditEvents, { targetType: 'CapsuleService', targetId: this.serviceId(), page, pageSize, sort }),
    { sort: '-createdAt', pageSize: 10 },
  );
  /** The latest reports for the timeline, whatever page of the history table is shown, and when they were read. */
  protected readonly timeline = new Loader(async () => {
    const latest = await this.client.page(listCapsuleServiceHealthHistory, { serviceId: this.serviceId(), page: 1, pageSize: TIMELINE_REPORTS, sort: '-reportedAt' });
    return { ...latest, readAt: Date.now() };
  });
  /** The history table. A page among the latest reports is cut from the timeline's answer (which it refreshes): one request for both. */
  protected readonly history = new PagedQuery<HealthReportDto>(async ({ page, pageSize, sort }) => {
    const latest = amongLatest(page, pageSize) ? await this.timeline.load({ quiet: true }) : null;
    if (!latest) return this.client.page(listCapsuleServiceHealthHistory, { serviceId: this.serviceId(), page, pageSize, sort });
    const from = (page - 1) * pageSize;
    return { data: latest.data.slice(from, from + pageSize), pagination: { page, pageSize, total: latest.pagination.total } };
  }, '-reportedAt');

  /** Actions grouped by category in catalog order; a disabled action shows with its Open button disabled. */
  protected readonly actionGroups = computed(() => {
    const actions = [...((this.service()?.actions ?? []) as ActionDefinitionDto[])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.name.localeCompare(b.name));
    const groups = new Map<string, ActionDefinitionDto[]>();
    for (const action of actions) {
      const category = action.category ?? 'general';
      groups.set(category, [...(groups.get(category) ?? []), action]);
    }
    return [...groups.entries()].map(([category, items]) => ({ category, items }));
  });

  constructor() {
    // The router reuses this page when only the id changes (e.g. after a retry), so load on every id.
    effect(() => {
      this.serviceId();
      untracked(() => {
        void this.detail.load();
        void this.history.reload();
        void this.commands.reload();
        void this.audit.reload();
      });
    });
    inject(AdminStream).on((message) => {
      if (message.type.startsWith('command.')) {
        void this.commands.load();
        void this.audit.load();
      }
      // A heartbeat with health (the SDK sends one at once when an operation starts or ends) or a new report from the
      // service's agent: its health, running operation and timeline change.
      const service = this.service();
      if (service && (message.type === 'services' || message.type === 'agent') && message['agentId'] === service.agentId) {
        void this.detail.load({ quiet: true });
        void this.history.load();
        if (!amongLatest(this.history.page(), this.history.pageSize())) void this.timeline.load({ quiet: true });
      }
    });
  }


  /** Sensitive values are never shown: a secret reference if there is one, else a mask. */
  protected configValue(item: ConfigItemDto): string {
    if (item.sensitive) return item.secretRef ?? MASK;
    return item.valuePreview ?? '—';
  }

  protected configDefault(item: ConfigItemDto): string {
    if (item.sensitive) return item.defaultValue ? MASK : '—';
    return item.defaultValue ?? '—';
  }
}
