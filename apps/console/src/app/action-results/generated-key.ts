import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { TranslatePipe } from '../core/i18n/translate-pipe';
import { CopyButton } from '../ui/copy-button';

/** A one-time secret (`data.generatedKey`): the server hands it out once, so the UI says so and offers a copy. */
@Component({
  selector: 'ops-generated-key',
  imports: [MatIcon, CopyButton, TranslatePipe],
  template: `
    <div class="key-alert" role="status">
      <mat-icon>key</mat-icon>
      <div>
        <strong>{{ 'Copy this key now: it is shown only once.' | t }}</strong>
        <div class="key-row"><code class="mono generated-key">{{ value() }}</code><ops-copy-button [value]="value()" label="Copy key" /></div>
      </div>
    </div>
  `,
  styles: `
    .key-alert { display: flex; gap: 12px; padding: 12px; border-radius: 8px; margin: 8px 0;
      background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); }
    .key-row { display: flex; align-items: center; gap: 4px; word-break: break-all; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GeneratedKey {
  readonly value = input.required<string>();
}
