import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { TranslatePipe } from '../core/i18n/translate-pipe';

/** Asks for a new password (at least 12 characters, as the server requires). Closes with the password or nothing. */
@Component({
  selector: 'ops-password-dialog',
  imports: [ReactiveFormsModule, MatDialogTitle, MatDialogContent, MatDialogActions, MatButton, MatFormField, MatLabel, MatHint, MatError, MatInput, TranslatePipe],
  template: `
    <h2 mat-dialog-title>{{ 'Reset password' | t }}</h2>
    <form (submit)="$event.preventDefault(); submit()">
      <mat-dialog-content>
        <p>{{ 'New password for {user}' | t: { user: data.username } }}</p>
        <mat-form-field>
          <mat-label>{{ 'New password' | t }}</mat-label>
          <input matInput type="password" name="newPassword" autocomplete="new-password" [formControl]="password" />
          <mat-hint>{{ 'At least {n} characters' | t: { n: 12 } }}</mat-hint>
          <mat-error>{{ 'At least {n} characters' | t: { n: 12 } }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="ref.close()">{{ 'Cancel' | t }}</button>
        <button mat-flat-button type="submit">{{ 'Reset password' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordDialog {
  protected readonly data = inject<{ username: string }>(MAT_DIALOG_DATA);
  protected readonly ref = inject(MatDialogRef<PasswordDialog, string>);
  protected readonly password = new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(12)] });

  submit(): void {
    if (this.password.invalid) {
      this.password.markAsTouched();
      return;
    }
    this.ref.close(this.password.value);
  }
}
