import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '../core/i18n/translate-pipe';

export type StatusTone = 'good' | 'warn' | 'bad' | 'neutral' | 'busy';

const TONE: Record<string, StatusTone> = {
  HEALTHY: 'good', ONLINE: 'good', UP: 'good', SUCCEEDED: 'good', SUCCESS: 'good', ACTIVE: 'good',
  UNHEALTHY: 'warn', DEGRADED: 'warn', STALE: 'warn', PENDING: 'busy', RUNNING: 'busy', EXPIRED: 'warn', USED: 'neutral',
  OFFLINE: 'bad', DOWN: 'bad', FAILED: 'bad', FAILURE: 'bad', REVOKED: 'bad', DISABLED: 'bad', CANCELLED: 'neutral',
  HIGH: 'bad', MEDIUM: 'warn', LOW: 'neutral', true: 'good', false: 'neutral',
};

/** The colour family of a status (the chip's and the health timeline's); unknown statuses are neutral. */
export function statusTone(status: string | null | undefined): StatusTone {
  return TONE[String(status)] ?? 'neutral';
}

/** A coloured status label. The colour is a hint; the text always carries the meaning. */
@Component({
  selector: 'ops-status-chip',
  imports: [TranslatePipe],
  template: `<span class="chip" [class]="'chip tone-' + tone()" [attr.data-status]="status()">{{ (status() ?? '—') | t }}</span>`,
  styles: `
    .chip { display: inline-block; padding: 2px 10px; border-radius: 12px; font: var(--mat-sys-label-medium); white-space: nowrap;
      background: var(--ops-tone-neutral); color: var(--ops-on-tone-neutral); }
    .tone-good { background: var(--ops-tone-good); color: var(--ops-on-tone-good); }
    .tone-warn { background: var(--ops-tone-warn); color: var(--ops-on-tone-warn); }
    .tone-bad { background: var(--ops-tone-bad); color: var(--ops-on-tone-bad); }
    .tone-busy { background: var(--ops-tone-busy); color: var(--ops-on-tone-busy); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusChip {
  readonly status = input<string | null | undefined>();
  protected readonly tone = computed(() => statusTone(this.status()));
}
