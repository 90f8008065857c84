import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTooltip } from '@angular/material/tooltip';
import { TranslatePipe } from '../core/i18n/translate-pipe';

/** Copies `value` to the clipboard and says so. */
@Component({
  selector: 'ops-copy-button',
  imports: [MatIconButton, MatIcon, MatTooltip, TranslatePipe],
  template: `
    <button mat-icon-button type="button" class="copy-button" (click)="copy()" [matTooltip]="(copied() ? 'Copied' : label()) | t" [attr.aria-label]="label() | t">
      <mat-icon>{{ copied() ? 'check' : 'content_copy' }}</mat-icon>
    </button>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CopyButton {
  readonly value = input.required<string>();
  readonly label = input('Copy');
  protected readonly copied = signal(false);

  async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.value());
    } catch {
      copyWithSelection(this.value());
    }
    this.copied.set(true);
    setTimeout(() => this.copied.set(false), 2000);
  }
}

/** Fallback for pages served over plain http, where the async clipboard API is unavailable. */
function copyWithSelection(text: string): void {
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}
