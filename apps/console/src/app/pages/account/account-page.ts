import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { changeOwnPassword } from '../../api/fn/admin-auth/change-own-password';
import { SessionStore } from '../../core/auth/session-store';
import { ApiClient } from '../../core/http/api-client';
import { ApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { ErrorBanner } from '../../ui/error-banner';

@Component({
  selector: 'ops-account-page',
  imports: [ReactiveFormsModule, MatButton, MatCard, MatCardHeader, MatCardTitle, MatCardContent, MatFormField, MatLabel, MatError, MatInput, ErrorBanner, TranslatePipe],
  template: `
    <section class="page">
      <div class="page-header"><h1>{{ 'My account' | t }}</h1></div>
      <mat-card appearance="outlined">
        <mat-card-content>
          <dl class="kv">
            <dt>{{ 'Username' | t }}</dt><dd>{{ session.user()?.username }}</dd>
            <dt>{{ 'Display name' | t }}</dt><dd>{{ session.user()?.displayName ?? '—' }}</dd>
            <dt>{{ 'Role' | t }}</dt><dd>{{ session.role() ?? '' | t }}</dd>
          </dl>
        </mat-card-content>
      </mat-card>
      <mat-card appearance="outlined" class="password-card">
        <mat-card-header><mat-card-title>{{ 'Change password' | t }}</mat-card-title></mat-card-header>
        <mat-card-content>
          <form class="password-form" [formGroup]="form" (ngSubmit)="submit()">
            <mat-form-field><mat-label>{{ 'Current password' | t }}</mat-label><input matInput type="password" name="currentPassword" formControlName="currentPassword" autocomplete="current-password" /><mat-error>{{ 'Required' | t }}</mat-error></mat-form-field>
            <mat-form-field><mat-label>{{ 'New password' | t }}</mat-label><input matInput type="password" name="newPassword" formControlName="newPassword" autocomplete="new-password" /><mat-error>{{ 'At least {n} characters' | t: { n: 12 } }}</mat-error></mat-form-field>
            <ops-error-banner [error]="error()" />
            @if (done()) { <p role="status" class="done">{{ 'Password changed.' | t }}</p> }
            <button mat-flat-button type="submit" [disabled]="busy()">{{ 'Change password' | t }}</button>
          </form>
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: `mat-card { margin-bottom: 16px; max-width: 520px; } .password-form { display: flex; flex-direction: column; } .done { color: var(--mat-sys-primary); }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPage {
  private readonly client = inject(ApiClient);
  protected readonly session = inject(SessionStore);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly done = signal(false);
  protected readonly busy = signal(false);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, Validators.minLength(12)]],
  });

  async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.done.set(false);
    try {
      await this.client.call(changeOwnPassword, { body: this.form.getRawValue() });
      this.form.reset();
      this.done.set(true);
    } catch (error) {
      this.error.set(ApiError.from(error));
    } finally {
      this.busy.set(false);
    }
  }
}
