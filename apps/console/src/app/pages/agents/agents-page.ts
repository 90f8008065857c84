import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSort, MatSortHeader } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { listAgents } from '../../api/fn/admin-agents/list-agents';
import type { AgentDto } from '../../api/models/agent-dto';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { AdminStream } from '../../core/stream/admin-stream';
import { ChoiceFilter } from '../../ui/choice-filter';
import { ListFooter } from '../../ui/list-footer';
import { PagedQuery } from '../../ui/paged-query';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';

type AgentStatus = AgentDto['status'];

@Component({
  selector: 'ops-agents-page',
  imports: [ChoiceFilter, ListFooter, FormsModule, RouterLink, MatTableModule, MatSort, MatSortHeader, MatFormField, MatLabel, MatInput, StatusChip, WhenPipe, TranslatePipe],
  templateUrl: './agents-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgentsPage implements OnInit {
  private readonly client = inject(ApiClient);
  protected readonly statuses: AgentStatus[] = ['PENDING', 'ONLINE', 'OFFLINE', 'DISABLED', 'REVOKED'];
  protected readonly columns = ['status', 'code', 'name', 'mode', 'runtime', 'serviceCount', 'lastHeartbeatAt', 'createdAt'];
  protected readonly query = new PagedQuery(
    ({ page, pageSize, sort }, { status, q }) => this.client.page(listAgents, { page, pageSize, sort, status: status.length ? status : undefined, q: q.trim() || undefined }),
    { sort: '-createdAt', filters: { status: [] as AgentStatus[], q: '' }, url: true },
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
