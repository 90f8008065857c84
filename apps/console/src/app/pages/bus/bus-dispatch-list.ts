import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { JsonPipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import type { BusDispatchDto } from '../../api/models/bus-dispatch-dto';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';

/** What each matched route did with one event: its status, the command it created (linked) or why it failed. */
@Component({
  selector: 'ops-bus-dispatch-list',
  imports: [JsonPipe, RouterLink, StatusChip, WhenPipe, TranslatePipe],
  template: `
    @if (dispatches().length === 0) {
      <p class="muted no-dispatches">{{ 'No route matched this event.' | t }}</p>
    } @else {
      <ul class="dispatches">
        @for (d of dispatches(); track d.id) {
          <li class="dispatch" [attr.data-dispatch]="d.id" [attr.data-status]="d.status">
            <div class="line">
              <ops-status-chip class="dispatch-status" [status]="d.status" />
              <span class="route-name">{{ d.routeName }}</span>
              <span class="muted">→</span>
              <span class="mono">{{ d.targetServiceCode }} / {{ d.actionName }}</span>
              @if (d.dryRun) { <span class="muted dry-run">({{ 'dry run: nothing dispatched' | t }})</span> }
              @if (d.commandId) {
                <a class="link mono command-link" [routerLink]="['/commands', d.commandId]">{{ d.commandId }}</a>
                @if (d.commandStatus) { <ops-status-chip class="command-status" [status]="d.commandStatus" /> }
              }
              @if (d.attempts > 1) { <span class="muted">{{ '{n} attempts' | t: { n: d.attempts } }}</span> }
              @if (d.replayedAt) { <span class="muted">{{ 'Replayed' | t }} {{ d.replayedAt | when }}</span> }
            </div>
            @if (d.errorCode) {
              <div class="error-text dispatch-error"><strong class="error-code">{{ d.errorCode }}</strong>@if (d.errorMessage) { — {{ d.errorMessage }} }</div>
            }
            @for (issue of d.issues ?? []; track $index) { <div class="error-text mono issue">{{ issue.path }}: {{ issue.message }}</div> }
            @if (d.payload && showPayload()) {
              <details>
                <summary>{{ (d.dryRun ? 'Payload it would have dispatched' : 'Dispatched payload') | t }}</summary>
                <pre class="json dispatch-payload">{{ d.payload | json }}</pre>
              </details>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .dispatches { list-style: none; padding: 0; margin: 0; display: grid; gap: 6px; }
    .dispatch { padding: 6px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .dispatch:last-child { border-bottom: 0; }
    .line { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    .route-name { font-weight: 500; }
    summary { cursor: pointer; color: var(--mat-sys-on-surface-variant); margin: 4px 0; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BusDispatchList {
  readonly dispatches = input.required<BusDispatchDto[]>();
  readonly showPayload = input(true);
}
