import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ApiError } from '../core/http/api-error';
import { TranslatePipe } from '../core/i18n/translate-pipe';

/** The loading / error / empty states every list and detail page shows in the same way. */
@Component({
  selector: 'ops-load-state',
  imports: [MatProgressBar, MatIcon, MatButton, TranslatePipe],
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading" />
    }
    @if (error(); as failure) {
      <div class="state error-state" role="alert">
        <mat-icon>error</mat-icon>
        <span><strong class="error-code">{{ failure.code }}</strong> — {{ failure.message }}</span>
        <button mat-button type="button" (click)="retry.emit()">{{ 'Retry' | t }}</button>
      </div>
    } @else if (!loading() && empty()) {
      <div class="state empty-state"><mat-icon>inbox</mat-icon><span>{{ emptyText() | t }}</span></div>
    }
  `,
  styles: `
    .state { display: flex; align-items: center; gap: 12px; padding: 24px 16px; color: var(--mat-sys-on-surface-variant); }
    .error-state { color: var(--mat-sys-error); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadState {
  readonly loading = input(false);
  readonly error = input<ApiError | null>(null);
  readonly empty = input(false);
  readonly emptyText = input('Nothing here yet.');
  readonly retry = output<void>();
}
