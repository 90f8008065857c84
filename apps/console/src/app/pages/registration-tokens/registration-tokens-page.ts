import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal, viewChild } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { createRegistrationToken } from '../../api/fn/admin-registration-tokens/create-registration-token';
import { deleteRegistrationToken } from '../../api/fn/admin-registration-tokens/delete-registration-token';
import { listRegistrationTokens } from '../../api/fn/admin-registration-tokens/list-registration-tokens';
import { revokeRegistrationToken } from '../../api/fn/admin-registration-tokens/revoke-registration-token';
import type { CreatedRegistrationTokenDto } from '../../api/models/created-registration-token-dto';
import type { RegistrationTokenDto } from '../../api/models/registration-token-dto';
import { SessionStore } from '../../core/auth/session-store';
import { ApiClient } from '../../core/http/api-client';
import { ApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { confirmAction } from '../../ui/confirm-dialog';
import { CopyButton } from '../../ui/copy-button';
import { ErrorBanner } from '../../ui/error-banner';
import { ChoiceFilter } from '../../ui/choice-filter';
import { ListFooter } from '../../ui/list-footer';
import { PagedQuery } from '../../ui/paged-query';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';

type TokenStatus = RegistrationTokenDto['status'];

@Component({
  selector: 'ops-registration-tokens-page',
  imports: [ChoiceFilter, ListFooter, ReactiveFormsModule, MatButton, MatCard, MatCardHeader, MatCardTitle, MatCardContent, MatFormField, MatLabel, MatHint, MatError, MatInput, MatTableModule, CopyButton, ErrorBanner, StatusChip, WhenPipe, TranslatePipe],
  templateUrl: './registration-tokens-page.html',
  styles: `
    mat-card { margin-bottom: 16px; }
    .create-form { display: flex; gap: 12px; flex-wrap: wrap; align-items: baseline; }
    .once { background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); padding: 12px; border-radius: 8px; margin-bottom: 16px; }
    .once code { word-break: break-all; }
    .row-buttons { display: flex; gap: 4px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegistrationTokensPage implements OnInit {
  private readonly client = inject(ApiClient);
  private readonly dialog = inject(MatDialog);
  protected readonly session = inject(SessionStore);
  protected readonly statuses: TokenStatus[] = ['ACTIVE', 'USED', 'REVOKED', 'EXPIRED'];
  protected readonly columns = ['status', 'name', 'agentId', 'expiresAt', 'createdAt', 'buttons'];
  protected readonly created = signal<CreatedRegistrationTokenDto | null>(null);
  protected readonly createError = signal<ApiError | null>(null);
  protected readonly rowError = signal<ApiError | null>(null);
  protected readonly creating = signal(false);
  /** resetForm() (not form.reset()) also clears the submitted state, so the emptied form shows no errors. */
  private readonly formDirective = viewChild(FormGroupDirective);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(120)]],
    expiresInHours: [24, [Validators.required, Validators.min(1), Validators.max(24 * 365)]],
  });
  protected readonly query = new PagedQuery(
    ({ page, pageSize, sort }, { status }) => this.client.page(listRegistrationTokens, { page, pageSize, sort, status: status ? [status] : undefined }),
    { sort: '-createdAt', filters: { status: null as TokenStatus | null }, url: true },
  );
  /** What to paste into the service's environment. */
  protected readonly envSnippet = computed(() => {
    const token = this.created();
    return token ? `OPSTAGE_BACKEND_URL=${location.origin} OPSTAGE_REGISTRATION_TOKEN=${token.rawToken}` : '';
  });

  ngOnInit(): void {
    this.query.start();
  }

  async create(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.creating.set(true);
    this.createError.set(null);
    try {
      const { name, expiresInHours } = this.form.getRawValue();
      this.created.set(await this.client.call(createRegistrationToken, { body: { name, expiresInSeconds: Math.round(expiresInHours * 3600) } }));
      this.formDirective()?.resetForm();
      await this.query.load();
    } catch (error) {
      this.createError.set(ApiError.from(error));
    } finally {
      this.creating.set(false);
    }
  }

  dismissCreated(): void {
    this.created.set(null);
  }

  async revoke(token: RegistrationTokenDto): Promise<void> {
    if (!(await confirmAction(this.dialog, { title: 'Revoke token', message: 'The token can no longer register an agent.', facts: [{ label: 'Token', value: token.name ?? token.id }], confirmLabel: 'Revoke', danger: true }))) return;
    await this.runRow(() => this.client.call(revokeRegistrationToken, { tokenId: token.id }));
  }

  async remove(token: RegistrationTokenDto): Promise<void> {
    if (!(await confirmAction(this.dialog, { title: 'Delete token', message: 'The token is removed from the list.', facts: [{ label: 'Token', value: token.name ?? token.id }], confirmLabel: 'Delete', danger: true }))) return;
    await this.runRow(() => this.client.call(deleteRegistrationToken, { tokenId: token.id }));
  }

  private async runRow(operation: () => Promise<unknown>): Promise<void> {
    this.rowError.set(null);
    try {
      await operation();
      await this.query.load();
    } catch (error) {
      this.rowError.set(ApiError.from(error));
    }
  }
}
