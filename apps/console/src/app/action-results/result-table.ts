import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { LanguageService } from '../core/i18n/language';
import { TranslatePipe } from '../core/i18n/translate-pipe';
import { CopyButton } from '../ui/copy-button';
import { StatusChip } from '../ui/status-chip';
import { formatValue } from './format-value';
import { columnsOf, fillTemplate, ResultList, ResultRowAction, RowActionRequest, valueAt } from './result-shapes';

/** A `data.list` result as a Material table, with formatted columns and row actions. */
@Component({
  selector: 'ops-result-table',
  imports: [MatTableModule, MatButton, StatusChip, CopyButton, TranslatePipe],
  templateUrl: './result-table.html',
  styles: `
    .title { font: var(--mat-sys-title-medium); margin: 8px 0; }
    .ellipsis { max-width: 240px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; display: inline-block; vertical-align: middle; }
    .row-actions { display: flex; gap: 4px; }
    .empty { padding: 16px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResultTable {
  private readonly language = inject(LanguageService);
  readonly list = input.required<ResultList>();
  /** The action of a row currently running: its buttons are disabled meanwhile. */
  readonly busy = input(false);
  /** Row actions need a host that runs them (the action panel); elsewhere they are hidden. */
  readonly showRowActions = input(true);
  readonly rowAction = output<RowActionRequest>();

  protected readonly columns = computed(() => columnsOf(this.list()));
  protected readonly columnIds = computed(() => [...this.columns().map((_, index) => `c${index}`), ...(this.showRowActions() && this.list().rowActions?.length ? ['actions'] : [])]);
  protected readonly locale = computed(() => (this.language.language() === 'zh' ? 'zh-CN' : 'en-GB'));

  protected cell(row: unknown, key: string): unknown {
    return valueAt(row, key);
  }

  protected text(row: unknown, key: string, format: Parameters<typeof formatValue>[1]): string {
    return formatValue(valueAt(row, key), format, this.locale());
  }

  protected label(key: string, label?: string): string {
    return label ?? key;
  }

  protected run(action: ResultRowAction, row: Record<string, unknown>): void {
    this.rowAction.emit({
      action: action.action,
      label: action.label,
      payload: (fillTemplate(action.payload ?? {}, row) as Record<string, unknown>) ?? {},
      danger: action.danger ?? false,
      confirm: Boolean(action.confirm),
    });
  }
}
