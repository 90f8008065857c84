import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatProgressBar } from '@angular/material/progress-bar';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';

const OPERATION_STATUSES = ['IDLE', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;

export interface ServiceOperation {
  status: (typeof OPERATION_STATUSES)[number];
  name: string | null;
  message: string | null;
  startedAt: string | null;
}

/**
 * The long-running operation a service reports in its health details (`operationStatus`, `operationName`,
 * `operationMessage`, `operationStartedAt`, as the contract suggests for work that outlives a command), or null.
 */
export function serviceOperation(details: unknown): ServiceOperation | null {
  if (!details || typeof details !== 'object') return null;
  const d = details as Record<string, unknown>;
  const status = OPERATION_STATUSES.find((s) => s === d['operationStatus']);
  if (!status) return null;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  return { status, name: text(d['operationName']), message: text(d['operationMessage']), startedAt: text(d['operationStartedAt']) };
}

/** Shows the service's current long-running operation from its latest health report. */
@Component({
  selector: 'ops-operation-status',
  imports: [MatProgressBar, StatusChip, WhenPipe, TranslatePipe],
  template: `
    @if (operation(); as op) {
      <div class="operation" role="status" [attr.data-operation-status]="op.status">
        <span class="title">{{ 'Operation' | t }}</span>
        <ops-status-chip [status]="op.status" />
        @if (op.name) { <span class="mono operation-name">{{ op.name }}</span> }
        @if (op.message) { <span class="operation-message">{{ op.message }}</span> }
        @if (op.startedAt) { <span class="muted">{{ 'started' | t }} {{ op.startedAt | when }}</span> }
        @if (op.status === 'RUNNING') { <mat-progress-bar mode="indeterminate" [attr.aria-label]="'Running' | t" /> }
      </div>
    }
  `,
  styles: `
    .operation { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; padding: 8px 12px; margin-bottom: 12px;
      border-radius: 8px; background: var(--mat-sys-surface-container); }
    .title { font: var(--mat-sys-title-small); }
    mat-progress-bar { flex-basis: 100%; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OperationStatus {
  /** The latest health report's `details`. */
  readonly details = input<unknown>(null);
  protected readonly operation = computed(() => serviceOperation(this.details()));
}
