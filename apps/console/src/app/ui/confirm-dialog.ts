import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { TranslatePipe } from '../core/i18n/translate-pipe';

export interface ConfirmRequest {
  title: string;
  message: string;
  /** Extra lines shown as label: value (e.g. target, danger level, payload summary). */
  facts?: { label: string; value: string }[];
  confirmLabel?: string;
  danger?: boolean;
}

@Component({
  selector: 'ops-confirm-dialog',
  imports: [MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, TranslatePipe],
  template: `
    <h2 mat-dialog-title>{{ data.title | t }}</h2>
    <mat-dialog-content>
      <p>{{ data.message | t }}</p>
      @if (data.facts?.length) {
        <dl class="kv">
          @for (fact of data.facts; track fact.label) {
            <dt>{{ fact.label | t }}</dt>
            <dd class="mono">{{ fact.value }}</dd>
          }
        </dl>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">{{ 'Cancel' | t }}</button>
      <button mat-flat-button type="button" class="confirm-button" [class.danger]="data.danger" [mat-dialog-close]="true">
        {{ (data.confirmLabel ?? 'Confirm') | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `.danger { --mat-button-filled-container-color: var(--mat-sys-error); --mat-button-filled-label-text-color: var(--mat-sys-on-error); }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmRequest>(MAT_DIALOG_DATA);
}

/** Opens the confirmation dialog; resolves true only when the user confirmed. */
export async function confirmAction(dialog: MatDialog, request: ConfirmRequest): Promise<boolean> {
  const ref = dialog.open(ConfirmDialog, { data: request, width: '480px', autoFocus: 'dialog' });
  return (await firstValueFrom(ref.afterClosed())) === true;
}
