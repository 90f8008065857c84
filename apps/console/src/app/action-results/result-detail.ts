import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { LanguageService } from '../core/i18n/language';
import { CopyButton } from '../ui/copy-button';
import { formatValue } from './format-value';
import { ResultDetail, valueAt } from './result-shapes';

/** A `data.detail` result as a key/value card (declared fields, else the first 12 keys). */
@Component({
  selector: 'ops-result-detail',
  imports: [MatCard, MatCardHeader, MatCardTitle, MatCardContent, CopyButton],
  template: `
    <mat-card appearance="outlined" class="result-detail">
      @if (detail().title) { <mat-card-header><mat-card-title>{{ detail().title }}</mat-card-title></mat-card-header> }
      <mat-card-content>
        <dl class="kv">
          @for (field of fields(); track field.key) {
            <dt>{{ field.label ?? field.key }}</dt>
            <dd [attr.data-key]="field.key">{{ text(field.key, field.format) }}
              @if (field.copyable) { <ops-copy-button [value]="text(field.key, field.format)" /> }
            </dd>
          }
        </dl>
      </mat-card-content>
    </mat-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResultDetailCard {
  private readonly language = inject(LanguageService);
  readonly detail = input.required<ResultDetail>();
  protected readonly fields = computed(() => this.detail().fields ?? Object.keys(this.detail().data).slice(0, 12).map((key) => ({ key, label: undefined, format: undefined, copyable: false })));

  protected text(key: string, format: Parameters<typeof formatValue>[1]): string {
    return formatValue(valueAt(this.detail().data, key), format, this.language.language() === 'zh' ? 'zh-CN' : 'en-GB');
  }
}
