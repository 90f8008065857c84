import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { ApiError } from '../core/http/api-error';

/** Shows a failed request's server code and message inline (forms, dialogs). */
@Component({
  selector: 'ops-error-banner',
  imports: [MatIcon],
  template: `
    @if (error(); as failure) {
      <div class="banner" role="alert">
        <mat-icon>error</mat-icon>
        <span><strong class="error-code">{{ failure.code }}</strong> — {{ failure.message }}</span>
      </div>
    }
  `,
  styles: `.banner { display: flex; gap: 8px; align-items: center; padding: 8px 12px; border-radius: 8px; margin: 8px 0;
    background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorBanner {
  readonly error = input<ApiError | null>(null);
}
