import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatTableModule } from '@angular/material/table';
import { getBusDiagnostics } from '../../api/fn/admin-bus/get-bus-diagnostics';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { AdminStream } from '../../core/stream/admin-stream';
import { LoadState } from '../../ui/load-state';
import { Loader } from '../../ui/loader';
import { WhenPipe } from '../../ui/when-pipe';

/** Guardrail counters (since the server started), the latest rejections and the configured limits. */
@Component({
  selector: 'ops-bus-diagnostics-tab',
  imports: [MatCard, MatCardContent, MatTableModule, LoadState, WhenPipe, TranslatePipe],
  template: `
    <ops-load-state [loading]="diagnostics.loading()" [error]="diagnostics.error()" (retry)="diagnostics.load()" />
    @if (diagnostics.value(); as d) {
      <div class="cards diagnostics-cards">
        @for (card of cards(); track card.key) {
          <mat-card appearance="outlined" [attr.data-card]="card.key"><mat-card-content>
            <div class="muted">{{ card.label | t }}</div>
            <div class="value" [attr.data-value]="card.key">{{ card.value }}</div>
          </mat-card-content></mat-card>
        }
      </div>
      <p class="muted">{{ 'Rejection counts are kept in memory since the server started.' | t }}</p>
      <h3>{{ 'Recent rejections' | t }}</h3>
      <div class="table-wrap">
        <table mat-table [dataSource]="d.recentRejections" class="rejections-table">
          <ng-container matColumnDef="at"><th mat-header-cell *matHeaderCellDef>{{ 'Time' | t }}</th><td mat-cell *matCellDef="let r">{{ r.at | when }}</td></ng-container>
          <ng-container matColumnDef="code"><th mat-header-cell *matHeaderCellDef>{{ 'Code' | t }}</th><td mat-cell *matCellDef="let r" class="mono error-text">{{ r.code }}</td></ng-container>
          <ng-container matColumnDef="eventType"><th mat-header-cell *matHeaderCellDef>{{ 'Event type' | t }}</th><td mat-cell *matCellDef="let r" class="mono">{{ r.eventType }}</td></ng-container>
          <ng-container matColumnDef="source"><th mat-header-cell *matHeaderCellDef>{{ 'Source' | t }}</th><td mat-cell *matCellDef="let r" class="mono">{{ r.sourceServiceCode }}</td></ng-container>
          <ng-container matColumnDef="agent"><th mat-header-cell *matHeaderCellDef>{{ 'Agent' | t }}</th><td mat-cell *matCellDef="let r" class="mono">{{ r.agentId }}</td></ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
        <ops-load-state [empty]="d.recentRejections.length === 0" emptyText="No rejected events." />
      </div>
    }
  `,
  styles: `
    .diagnostics-cards { margin-top: 12px; }
    .value { font: var(--mat-sys-headline-medium); }
    h3 { font: var(--mat-sys-title-medium); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BusDiagnosticsTab implements OnInit {
  private readonly client = inject(ApiClient);
  protected readonly columns = ['at', 'code', 'eventType', 'source', 'agent'];
  protected readonly diagnostics = new Loader(() => this.client.call(getBusDiagnostics, undefined));
  protected readonly cards = computed(() => {
    const d = this.diagnostics.value();
    if (!d) return [];
    return [
      { key: 'events', label: 'Events accepted', value: d.events },
      { key: 'deadLetters', label: 'Dead letters', value: d.deadLetters },
      { key: 'rateLimited', label: 'Rejected: rate limited', value: d.rejections.rateLimited },
      { key: 'depthExceeded', label: 'Rejected: depth exceeded', value: d.rejections.depthExceeded },
      { key: 'payloadInvalid', label: 'Rejected: payload invalid', value: d.rejections.payloadInvalid },
      { key: 'ingestPerMinute', label: 'Ingest limit (events per minute per agent)', value: d.ingestPerMinute },
      { key: 'maxDepth', label: 'Maximum depth', value: d.maxDepth },
    ];
  });

  constructor() {
    inject(AdminStream).on((message) => {
      if (message.type === 'bus.event') void this.diagnostics.load({ quiet: true });
    });
  }

  ngOnInit(): void {
    void this.diagnostics.load();
  }
}
