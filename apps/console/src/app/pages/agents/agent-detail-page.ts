import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatTableModule } from '@angular/material/table';
import { disableAgent } from '../../api/fn/admin-agents/disable-agent';
import { enableAgent } from '../../api/fn/admin-agents/enable-agent';
import { getAgent } from '../../api/fn/admin-agents/get-agent';
import { revokeAgent } from '../../api/fn/admin-agents/revoke-agent';
import { listCommands } from '../../api/fn/admin-commands/list-commands';
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

type AgentOperation = 'disable' | 'enable' | 'revoke';
const OPERATIONS = { disable: disableAgent, enable: enableAgent, revoke: revokeAgent };

@Component({
  selector: 'ops-agent-detail-page',
  imports: [RouterLink, MatButton, MatCard, MatCardContent, MatTableModule, LoadState, ErrorBanner, StatusChip, CopyButton, WhenPipe, TranslatePipe],
  templateUrl: './agent-detail-page.html',
  styles: `.actions { display: flex; gap: 8px; } mat-card { margin-bottom: 16px; } .recent-commands { list-style: none; padding: 0; } .recent-commands li { padding: 4px 0; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgentDetailPage {
  readonly agentId = input.required<string>();
  private readonly client = inject(ApiClient);
  private readonly dialog = inject(MatDialog);
  protected readonly session = inject(SessionStore);
  protected readonly detail = new Loader(async () => {
    const [agent, commands] = await Promise.all([
      this.client.call(getAgent, { agentId: this.agentId() }),
      this.client.page(listCommands, { agentId: this.agentId(), type: 'ACTION_EXECUTE', pageSize: 10 }),
    ]);
    return { agent, recentCommands: commands.data };
  });
  protected readonly agent = computed(() => this.detail.value()?.agent ?? null);
  protected readonly recentCommands = computed(() => this.detail.value()?.recentCommands ?? []);
  protected readonly operation = new Operation();
  protected readonly serviceColumns = ['status', 'code', 'name', 'version', 'lastReportedAt'];

  constructor() {
    // The router reuses this page when only the id changes (e.g. after a retry), so load on every id.
    effect(() => {
      this.agentId();
      untracked(() => {
        void this.detail.load();
      });
    });
    inject(AdminStream).on((message) => {
      if ((message.type === 'agent' || message.type === 'services') && message['agentId'] === this.agentId()) void this.detail.load({ quiet: true });
    });
  }


  async run(operation: AgentOperation): Promise<void> {
    const agent = this.agent();
    if (!agent) return;
    const confirmed = await confirmAction(this.dialog, {
      title: `${operation[0].toUpperCase()}${operation.slice(1)} agent`,
      message: operation === 'revoke' ? 'The agent loses its token for good; it must register again with a new registration token.' : operation === 'disable' ? 'The agent is refused until it is enabled again.' : 'The agent may connect again.',
      facts: [{ label: 'Agent', value: `${agent.code} (${agent.id})` }],
      confirmLabel: `${operation[0].toUpperCase()}${operation.slice(1)}`,
      danger: operation !== 'enable',
    });
    if (!confirmed) return;
    await this.operation.run(() => this.client.call(OPERATIONS[operation], { agentId: agent.id }));
    if (!this.operation.error()) await this.detail.load({ quiet: true });
  }
}
