import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { JsonPipe } from '@angular/common';
import { Router, RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { cancelCommand } from '../../api/fn/admin-commands/cancel-command';
import { getCommand } from '../../api/fn/admin-commands/get-command';
import { retryCommand } from '../../api/fn/admin-commands/retry-command';
import { TERMINAL_STATUSES } from '../../action-panel/command-tracker';
import { CommandResultView } from '../../action-results/command-result-view';
import { duration } from '../../action-results/format-value';
import { SessionStore } from '../../core/auth/session-store';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { AdminStream } from '../../core/stream/admin-stream';
import { confirmAction } from '../../ui/confirm-dialog';
import { CopyButton } from '../../ui/copy-button';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadState } from '../../ui/load-state';
import { Loader, Operation } from '../../ui/loader';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';

@Component({
  selector: 'ops-command-detail-page',
  imports: [JsonPipe, RouterLink, MatButton, MatCard, MatCardContent, CommandResultView, LoadState, ErrorBanner, StatusChip, CopyButton, WhenPipe, TranslatePipe],
  templateUrl: './command-detail-page.html',
  styles: `mat-card { margin-bottom: 16px; } .actions { display: flex; gap: 8px; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommandDetailPage {
  readonly commandId = input.required<string>();
  private readonly client = inject(ApiClient);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  protected readonly session = inject(SessionStore);
  protected readonly detail = new Loader(() => this.client.call(getCommand, { commandId: this.commandId() }));
  protected readonly command = this.detail.value;
  protected readonly operation = new Operation();
  protected readonly terminal = computed(() => TERMINAL_STATUSES.has(this.command()?.status ?? 'PENDING'));
  protected readonly retryable = computed(() => {
    const command = this.command();
    return command?.type === 'ACTION_EXECUTE' && ['FAILED', 'EXPIRED', 'CANCELLED'].includes(command.status);
  });
  protected readonly duration = duration;

  constructor() {
    // The router reuses this page when only the id changes (e.g. after a retry), so load on every id.
    effect(() => {
      this.commandId();
      untracked(() => {
        void this.detail.load();
      });
    });
    inject(AdminStream).on((message) => {
      if (message['commandId'] === this.commandId()) void this.detail.load({ quiet: true });
    });
  }


  async cancel(): Promise<void> {
    if (!(await confirmAction(this.dialog, { title: 'Cancel command', message: 'The command is marked cancelled; a result arriving later is refused.', confirmLabel: 'Cancel command', danger: true }))) return;
    await this.operation.run(() => this.client.call(cancelCommand, { commandId: this.commandId() }));
    if (!this.operation.error()) await this.detail.load({ quiet: true });
  }

  async retry(): Promise<void> {
    if (!(await confirmAction(this.dialog, { title: 'Retry command', message: 'A new command with the same payload is queued.', confirmLabel: 'Retry' }))) return;
    const created = await this.operation.run(() => this.client.call(retryCommand, { commandId: this.commandId(), body: { confirmation: true } }));
    if (created) await this.router.navigate(['/commands', created.id]);
  }
}
