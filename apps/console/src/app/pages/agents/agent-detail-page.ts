import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
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
import type { CommandDto } from '../../api/models/command-dto';
import type { AgentDetailDto } from '../../api/models/agent-detail-dto';
import { SessionStore } from '../../core/auth/session-store';
import { ApiClient } from '../../core/http/api-client';
import { ApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { AdminStream } from '../../core/stream/admin-stream';
import { confirmAction } from '../../ui/confirm-dialog';
import { CopyButton } from '../../ui/copy-button';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadState } from '../../ui/load-state';
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
  protected readonly agent = signal<AgentDetailDto | null>(null);
  protected readonly recentCommands = signal<CommandDto[]>([]);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly operationError = signal<ApiError | null>(null);
  protected readonly busy = signal(false);
  protected readonly serviceColumns = ['status', 'code', 'name', 'version', 'lastReportedAt'];

  constructor() {
    // The router reuses this page when only the id changes (e.g. after a retry), so load on every id.
    effect(() => {
      this.agentId();
      untracked(() => {
        void this.load();
      });
    });
    inject(AdminStream).on((message) => {
      if ((message.type === 'agent' || message.type === 'services') && message['agentId'] === this.agentId()) void this.load();
    });
  }


  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const [agent, commands] = await Promise.all([
        this.client.call(getAgent, { agentId: this.agentId() }),
        this.client.page(listCommands, { agentId: this.agentId(), type: 'ACTION_EXECUTE', pageSize: 10 }),
      ]);
      this.agent.set(agent);
      this.recentCommands.set(commands.data);
    } catch (error) {
      this.error.set(ApiError.from(error));
    } finally {
      this.loading.set(false);
    }
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
    this.busy.set(true);
    this.operationError.set(null);
    try {
      await this.client.call(OPERATIONS[operation], { agentId: agent.id });
      await this.load();
    } catch (error) {
      this.operationError.set(ApiError.from(error));
    } finally {
      this.busy.set(false);
    }
  }
}
