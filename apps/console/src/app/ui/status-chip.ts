import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '../core/i18n/translate-pipe';

const TONE: Record<string, 'good' | 'warn' | 'bad' | 'neutral' | 'busy'> = {
  HEALTHY: 'good', ONLINE: 'good', UP: 'good', SUCCEEDED: 'good', SUCCESS: 'good', ACTIVE: 'good',
  UNHEALTHY: 'warn', DEGRADED: 'warn', STALE: 'warn', PENDING: 'busy', RUNNING: 'busy', EXPIRED: 'warn', USED: 'neutral',
  OFFLINE: 'bad', DOWN: 'bad', FAILED: 'bad', FAILURE: 'bad', REVOKED: 'bad', DISABLED: 'bad', CANCELLED: 'neutral',
  HIGH: 'bad', MEDIUM: 'warn', LOW: 'neutral', true: 'good', false: 'neutral',
};

/** A coloured status label. The colour is a hint; the text always carries the meaning. */
@Component({
  selector: 'ops-status-chip',
  imports: [TranslatePipe],
  template: `<span class="chip" [class]="'chip tone-' + tone()" [attr.data-status]="status()">{{ (status() ?? '—') | t }}</span>`,
  styles: `
    .chip { display: inline-block; padding: 2px 10px; border-radius: 12px; font: var(--mat-sys-label-medium); white-space: nowrap;
      background: var(--mat-sys-surface-container-high); color: var(--mat-sys-on-surface); }
    .tone-good { background: light-dark(#c8f0d0, #1f4d2b); color: light-dark(#0b3d1a, #c8f0d0); }
    .tone-warn { background: light-dark(#ffe2b0, #5a3d00); color: light-dark(#4a2f00, #ffe2b0); }
    .tone-bad { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .tone-busy { background: var(--mat-sys-primary-container); color: var(--mat-sys-on-primary-container); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusChip {
  readonly status = input<string | null | undefined>();
  protected readonly tone = computed(() => TONE[String(this.status())] ?? 'neutral');
}
