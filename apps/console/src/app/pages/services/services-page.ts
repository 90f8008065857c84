import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSort, MatSortHeader } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { listCapsuleServices } from '../../api/fn/admin-capsule-services/list-capsule-services';
import type { CapsuleServiceDto } from '../../api/models/capsule-service-dto';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { AdminStream } from '../../core/stream/admin-stream';
import { EntityFilter } from '../../ui/entity-filter';
import { ChoiceFilter } from '../../ui/choice-filter';
import { ListFooter } from '../../ui/list-footer';
import { PagedQuery } from '../../ui/paged-query';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';

type ServiceStatus = CapsuleServiceDto['status'];
type HealthStatus = CapsuleServiceDto['healthStatus'];

@Component({
  selector: 'ops-services-page',
  imports: [ChoiceFilter, ListFooter, FormsModule, RouterLink, MatTableModule, MatSort, MatSortHeader, MatFormField, MatLabel, MatInput, EntityFilter, StatusChip, WhenPipe, TranslatePipe],
  templateUrl: './services-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServicesPage implements OnInit {
  private readonly client = inject(ApiClient);
  protected readonly statuses: ServiceStatus[] = ['HEALTHY', 'UNHEALTHY', 'STALE', 'OFFLINE', 'UNKNOWN'];
  protected readonly healthStatuses: HealthStatus[] = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'];
  protected readonly columns = ['status', 'healthStatus', 'code', 'name', 'runtime', 'version', 'lastReportedAt'];
  protected readonly query = new PagedQuery(
    ({ page, pageSize, sort }, { status, health, agentId, q }) =>
      this.client.page(listCapsuleServices, {
        page, pageSize, sort,
        status: status.length ? status : undefined,
        healthStatus: (health as HealthStatus | null) ?? undefined,
        agentId: agentId || undefined,
        q: q.trim() || undefined,
      }),
    { sort: 'code', filters: { status: [] as ServiceStatus[], health: null as HealthStatus | null, agentId: '', q: '' }, url: true },
  );

  constructor() {
    inject(AdminStream).on((message) => {
      if (message.type === 'agent' || message.type === 'services') void this.query.load();
    });
  }

  ngOnInit(): void {
    this.query.start();
  }
}
