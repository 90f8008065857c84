import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSort, MatSortHeader } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { listCommands } from '../../api/fn/admin-commands/list-commands';
import type { CommandDto } from '../../api/models/command-dto';
import { duration } from '../../action-results/format-value';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { AdminStream } from '../../core/stream/admin-stream';
import { EntityFilter } from '../../ui/entity-filter';
import { ChoiceFilter } from '../../ui/choice-filter';
import { ListFooter } from '../../ui/list-footer';
import { PagedQuery } from '../../ui/paged-query';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';

type CommandStatus = CommandDto['status'];

@Component({
  selector: 'ops-commands-page',
  imports: [ChoiceFilter, ListFooter, FormsModule, RouterLink, MatTableModule, MatSort, MatSortHeader, MatFormField, MatLabel, MatInput, MatCheckbox, EntityFilter, StatusChip, WhenPipe, TranslatePipe],
  templateUrl: './commands-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommandsPage implements OnInit {
  private readonly client = inject(ApiClient);
  protected readonly statuses: CommandStatus[] = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'];
  protected readonly columns = ['status', 'actionName', 'type', 'serviceId', 'createdAt', 'duration', 'error'];
  protected readonly duration = duration;
  protected readonly query = new PagedQuery(
    ({ page, pageSize, sort }, { status, actionName, agentId, serviceId, allTypes }) =>
      this.client.page(listCommands, {
        page, pageSize, sort,
        status: status.length ? status : undefined,
        actionName: actionName.trim() || undefined,
        agentId: agentId || undefined,
        serviceId: serviceId || undefined,
        type: allTypes ? undefined : 'ACTION_EXECUTE',
      }),
    { sort: '-createdAt', filters: { status: [] as CommandStatus[], actionName: '', agentId: '', serviceId: '', allTypes: false as boolean }, url: true },
  );

  constructor() {
    inject(AdminStream).on((message) => {
      if (message.type.startsWith('command.')) void this.query.load();
    });
  }

  ngOnInit(): void {
    this.query.start();
  }
}
