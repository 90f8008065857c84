import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { getRuntimeDiagnostics } from '../../api/fn/admin-diagnostics/get-runtime-diagnostics';
import { getAdminMetrics } from '../../api/fn/admin-dashboard/get-admin-metrics';
import { bytes, duration } from '../../action-results/format-value';
import { SessionStore } from '../../core/auth/session-store';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { LoadState } from '../../ui/load-state';
import { Loader } from '../../ui/loader';

/** What the server runs on (operators and owners) and a summary of its metrics, with the Prometheus endpoint. */
@Component({
  selector: 'ops-runtime-card',
  imports: [MatCard, MatCardHeader, MatCardTitle, MatCardContent, LoadState, TranslatePipe],
  template: `
    @if (session.canOperate()) {
      <mat-card appearance="outlined" class="runtime-card">
        <mat-card-header><mat-card-title>{{ 'Runtime' | t }}</mat-card-title></mat-card-header>
        <mat-card-content>
          <ops-load-state [loading]="runtime.loading()" [error]="runtime.error()" (retry)="runtime.load()" />
          @if (runtime.value(); as r) {
            <dl class="kv runtime">
              <dt>{{ 'Version' | t }}</dt><dd data-fact="version">{{ r.version }} ({{ r.edition }})</dd>
              <dt>Node.js</dt><dd data-fact="node">{{ r.node }}</dd>
              <dt>{{ 'Platform' | t }}</dt><dd>{{ r.platform }} {{ r.arch }}, pid {{ r.pid }}</dd>
              <dt>{{ 'Uptime' | t }}</dt><dd data-fact="uptime">{{ duration(r.uptimeSeconds * 1000) }}</dd>
              <dt>{{ 'Memory' | t }}</dt><dd data-fact="memory">RSS {{ bytes(r.memory.rss) }}, heap {{ bytes(r.memory.heapUsed) }} / {{ bytes(r.memory.heapTotal) }}</dd>
              <dt>{{ 'Listening on' | t }}</dt><dd class="mono">{{ r.config.host }}:{{ r.config.port }}</dd>
              <dt>{{ 'Database' | t }}</dt><dd class="mono" data-fact="database">{{ r.config.databasePath }}</dd>
              <dt>{{ 'Backups' | t }}</dt><dd class="mono">{{ r.config.backupDir }}</dd>
              <dt>{{ 'Console files' | t }}</dt><dd class="mono">{{ r.config.staticDir }}</dd>
              <dt>Capsule Bus</dt><dd data-fact="bus">{{ (r.config.capsuleBusEnabled ? 'Enabled' : 'Disabled') | t }}</dd>
            </dl>
          }
        </mat-card-content>
      </mat-card>
    }
    <mat-card appearance="outlined" class="metrics-card">
      <mat-card-header><mat-card-title>{{ 'Metrics' | t }}</mat-card-title></mat-card-header>
      <mat-card-content>
        <p>
          {{ 'Prometheus scrapes' | t }} <a class="link metrics-link" href="/metrics" target="_blank" rel="noopener">/metrics</a>
          <span class="muted">({{ 'text exposition, no sign-in' | t }})</span>
        </p>
        <ops-load-state [loading]="metrics.loading()" [error]="metrics.error()" (retry)="metrics.load()" />
        @if (metrics.value(); as m) {
          <dl class="kv metrics-summary">
            <dt>{{ 'Commands dispatched' | t }}</dt><dd data-metric="commandsDispatched">{{ m.operational.commandsDispatched }}</dd>
            <dt>{{ 'Commands succeeded' | t }}</dt><dd data-metric="commandsCompleted">{{ m.operational.commandsCompleted }}</dd>
            <dt>{{ 'Commands failed' | t }}</dt><dd data-metric="commandsFailed">{{ m.operational.commandsFailed }}</dd>
            <dt>{{ 'Command duration p50 / p95' | t }}</dt>
            <dd data-metric="durations">{{ m.commandDurations.p50Ms === null ? '—' : duration(m.commandDurations.p50Ms) }} / {{ m.commandDurations.p95Ms === null ? '—' : duration(m.commandDurations.p95Ms) }} <span class="muted">(n = {{ m.commandDurations.sampleSize }})</span></dd>
            <dt>{{ 'Agent polls since start' | t }}</dt><dd data-metric="agentCommandPolls">{{ m.operational.agentCommandPolls }}</dd>
            <dt>{{ 'Online agents with a stale heartbeat' | t }}</dt><dd data-metric="staleOnlineAgents">{{ m.operational.staleOnlineAgents }}</dd>
          </dl>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `mat-card { margin-bottom: 16px; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RuntimeCard implements OnInit {
  private readonly client = inject(ApiClient);
  protected readonly session = inject(SessionStore);
  protected readonly runtime = new Loader(() => this.client.call(getRuntimeDiagnostics, undefined));
  protected readonly metrics = new Loader(() => this.client.call(getAdminMetrics, undefined));
  protected readonly duration = duration;
  protected readonly bytes = bytes;

  ngOnInit(): void {
    if (this.session.canOperate()) void this.runtime.load();
    void this.metrics.load();
  }
}
