import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { JsonPipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatPaginator, PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import { getCapsuleService } from '../../api/fn/admin-capsule-services/get-capsule-service';
import { listCapsuleServiceHealthHistory } from '../../api/fn/admin-capsule-services/list-capsule-service-health-history';
import { listCommands } from '../../api/fn/admin-commands/list-commands';
import type { ActionDefinitionDto } from '../../api/models/action-definition-dto';
import type { CommandDto } from '../../api/models/command-dto';
import type { CapsuleServiceDetailDto } from '../../api/models/capsule-service-detail-dto';
import type { ConfigItemDto } from '../../api/models/config-item-dto';
import type { HealthReportDto } from '../../api/models/health-report-dto';
import { ActionPanel } from '../../action-panel/action-panel';
import { SessionStore } from '../../core/auth/session-store';
import { ApiClient } from '../../core/http/api-client';
import { ApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { AdminStream } from '../../core/stream/admin-stream';
import { CopyButton } from '../../ui/copy-button';
import { LoadState } from '../../ui/load-state';
import { PagedQuery } from '../../ui/paged-query';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';

const MASK = '••••••••';

@Component({
  selector: 'ops-service-detail-page',
  imports: [JsonPipe, RouterLink, MatCard, MatCardContent, MatTabsModule, MatTableModule, MatPaginator, ActionPanel, LoadState, StatusChip, CopyButton, WhenPipe, TranslatePipe],
  templateUrl: './service-detail-page.html',
  styles: `mat-card { margin: 12px 0; } .category { font: var(--mat-sys-title-small); margin: 16px 0 8px; } .tab-body { padding: 12px 0; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceDetailPage {
  readonly serviceId = input.required<string>();
  private readonly client = inject(ApiClient);
  protected readonly session = inject(SessionStore);
  protected readonly service = signal<CapsuleServiceDetailDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly configColumns = ['key', 'label', 'type', 'value', 'defaultValue', 'source', 'flags'];
  protected readonly historyColumns = ['status', 'message', 'reportedAt'];
  protected readonly commandColumns = ['status', 'actionName', 'createdAt', 'error'];
  protected readonly commands = new PagedQuery<CommandDto>(({ page, pageSize, sort }) => this.client.page(listCommands, { serviceId: this.serviceId(), type: 'ACTION_EXECUTE', page, pageSize, sort }), '-createdAt');
  protected readonly history = new PagedQuery<HealthReportDto>(({ page, pageSize, sort }) => this.client.page(listCapsuleServiceHealthHistory, { serviceId: this.serviceId(), page, pageSize, sort }), '-reportedAt');

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
        void this.load(true);
        void this.history.reload();
        void this.commands.reload();
      });
    });
    inject(AdminStream).on((message) => {
      if (message.type.startsWith('command.')) void this.commands.load();
      const service = this.service();
      if (service && (message.type === 'services' || message.type === 'agent') && message['agentId'] === service.agentId) {
        void this.load(false);
        void this.history.load();
      }
    });
  }


  async load(showSpinner = true): Promise<void> {
    if (showSpinner) this.loading.set(true);
    this.error.set(null);
    try {
      this.service.set(await this.client.call(getCapsuleService, { serviceId: this.serviceId() }));
    } catch (error) {
      this.error.set(ApiError.from(error));
    } finally {
      this.loading.set(false);
    }
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

  protected onHistoryPage(event: PageEvent): void {
    this.history.onPage(event);
  }
}
