import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { SessionStore } from '../../core/auth/session-store';
import { ApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { ThemeService } from '../../core/theme/theme';
import { ErrorBanner } from '../../ui/error-banner';

@Component({
  selector: 'ops-login-page',
  imports: [ReactiveFormsModule, MatCard, MatCardHeader, MatCardTitle, MatCardContent, MatFormField, MatLabel, MatError, MatInput, MatButton, MatIconButton, MatIcon, MatProgressBar, ErrorBanner, TranslatePipe],
  template: `
    <div class="login">
      <mat-card appearance="outlined">
        <mat-card-header><mat-card-title>{{ 'Sign in to Opstage' | t }}</mat-card-title></mat-card-header>
        <mat-card-content>
          <form [formGroup]="form" (ngSubmit)="submit()">
            <mat-form-field>
              <mat-label>{{ 'Username' | t }}</mat-label>
              <input matInput name="username" formControlName="username" autocomplete="username" required />
              <mat-error>{{ 'Required' | t }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'Password' | t }}</mat-label>
              <input matInput name="password" type="password" formControlName="password" autocomplete="current-password" required />
              <mat-error>{{ 'Required' | t }}</mat-error>
            </mat-form-field>
            <ops-error-banner [error]="error()" />
            @if (busy()) { <mat-progress-bar mode="indeterminate" /> }
            <button mat-flat-button type="submit" [disabled]="busy()">{{ 'Sign in' | t }}</button>
          </form>
        </mat-card-content>
      </mat-card>
      <div class="prefs">
        <button mat-icon-button type="button" (click)="theme.toggle()" [attr.aria-label]="'Dark mode' | t"><mat-icon>{{ theme.mode() === 'dark' ? 'light_mode' : 'dark_mode' }}</mat-icon></button>
        <button mat-button type="button" (click)="language.language.set(language.language() === 'zh' ? 'en' : 'zh')">{{ language.language() === 'zh' ? 'English' : '中文' }}</button>
      </div>
    </div>
  `,
  styles: `
    .login { min-height: 100vh; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 12px; }
    mat-card { width: min(380px, 92vw); }
    form { display: flex; flex-direction: column; gap: 4px; margin-top: 12px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  protected readonly theme = inject(ThemeService);
  protected readonly language = inject(LanguageService);
  readonly returnUrl = input<string>();
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly form = inject(FormBuilder).nonNullable.group({ username: ['', Validators.required], password: ['', Validators.required] });

  async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { username, password } = this.form.getRawValue();
      await this.session.login(username, password);
      const target = this.returnUrl();
      await this.router.navigateByUrl(target && target.startsWith('/') && !target.startsWith('//') ? target : '/dashboard');
    } catch (error) {
      this.error.set(ApiError.from(error));
    } finally {
      this.busy.set(false);
    }
  }
}
