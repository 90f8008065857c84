import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { JsonPipe } from '@angular/common';
import { MatButton } from '@angular/material/button';
import { TranslatePipe } from '../core/i18n/translate-pipe';
import { GeneratedKey } from './generated-key';
import { ResultDetailCard } from './result-detail';
import { asDetail, asList, generatedKeyOf, RowActionRequest } from './result-shapes';
import { ResultTable } from './result-table';

export interface CommandResultLike {
  success: boolean;
  message?: string | null;
  data?: unknown;
  error?: unknown;
}

/** Picks the renderer for a command result by its shape; the raw JSON is always one click away. */
@Component({
  selector: 'ops-command-result',
  imports: [JsonPipe, MatButton, ResultTable, ResultDetailCard, GeneratedKey, TranslatePipe],
  template: `
    @let r = result();
    <div class="result" [class.failed]="!r.success" [attr.data-success]="r.success">
      @if (r.message) { <p class="message">{{ r.message }}</p> }
      @if (errorText()) { <p class="error-text result-error">{{ errorText() }}</p> }
      @if (generatedKey(); as key) { <ops-generated-key [value]="key" /> }
      @if (list(); as l) { <ops-result-table [list]="l" [busy]="busy()" [showRowActions]="showRowActions()" (rowAction)="rowAction.emit($event)" /> }
      @if (detail(); as d) { <ops-result-detail [detail]="d" /> }
      @if (structured()) {
      <button mat-button type="button" class="toggle-raw" (click)="showRaw.set(!showRaw())" [attr.aria-expanded]="showRaw()">
        {{ (showRaw() ? 'Hide raw JSON' : 'Show raw JSON') | t }}
      </button>
      }
      @if (showRaw() || !structured()) { <pre class="json raw-result">{{ r | json }}</pre> }
    </div>
  `,
  styles: `.message { margin: 4px 0; } .result { margin-top: 8px; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommandResultView {
  readonly result = input.required<CommandResultLike>();
  readonly busy = input(false);
  readonly showRowActions = input(true);
  readonly rowAction = output<RowActionRequest>();
  protected readonly showRaw = signal(false);

  protected readonly list = computed(() => asList(this.result().data));
  protected readonly detail = computed(() => asDetail(this.result().data));
  protected readonly generatedKey = computed(() => generatedKeyOf(this.result().data));
  protected readonly structured = computed(() => Boolean(this.list() || this.detail() || this.generatedKey()));
  protected readonly errorText = computed(() => {
    const error = this.result().error as { code?: string; message?: string } | null | undefined;
    return error ? [error.code, error.message].filter(Boolean).join(' — ') : '';
  });
}
