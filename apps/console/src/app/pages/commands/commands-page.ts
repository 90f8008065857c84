import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatPaginator } from '@angular/material/paginator';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSort, MatSortHeader } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { listCommands } from '../../api/fn/admin-commands/list-commands';
import type { CommandDto } from '../../api/models/command-dto';
import { duration } from '../../action-results/format-value';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { AdminStream } from '../../core/stream/admin-stream';
import { LoadState } from '../../ui/load-state';
import { PagedQuery } from '../../ui/paged-query';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';

type CommandStatus = CommandDto['status'];

@Component({
  selector: 'ops-commands-page',
  imports: [FormsModule, RouterLink, MatTableModule, MatSort, MatSortHeader, MatPaginator, MatFormField, MatLabel, MatInput, MatSelect, MatOption, MatCheckbox, LoadState, StatusChip, WhenPipe, TranslatePipe],
  templateUrl: './commands-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommandsPage implements OnInit {
  private readonly client = inject(ApiClient);
  protected readonly statuses: CommandStatus[] = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'];
  protected readonly columns = ['status', 'actionName', 'type', 'serviceId', 'createdAt', 'duration', 'error'];
  protected readonly status = signal<CommandStatus[]>([]);
  protected readonly actionName = signal('');
  protected readonly allTypes = signal(false);
  protected readonly duration = duration;
  protected readonly query = new PagedQuery<CommandDto>(
    ({ page, pageSize, sort }) =>
      this.client.page(listCommands, {
        page, pageSize, sort,
        status: this.status().length ? this.status() : undefined,
        actionName: this.actionName().trim() || undefined,
        type: this.allTypes() ? undefined : 'ACTION_EXECUTE',
      }),
    '-createdAt',
  );

  constructor() {
    inject(AdminStream).on((message) => {
      if (message.type.startsWith('command.')) void this.query.load();
    });
  }

  ngOnInit(): void {
    void this.query.load();
  }
}
