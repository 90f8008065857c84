import { ChangeDetectionStrategy, Component, inject, OnInit, signal, viewChild } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { firstValueFrom } from 'rxjs';
import { createUser } from '../../api/fn/admin-users/create-user';
import { listUsers } from '../../api/fn/admin-users/list-users';
import { resetUserPassword } from '../../api/fn/admin-users/reset-user-password';
import { updateUser } from '../../api/fn/admin-users/update-user';
import type { UserDto } from '../../api/models/user-dto';
import { Role } from '../../core/auth/role';
import { SessionStore } from '../../core/auth/session-store';
import { ApiClient } from '../../core/http/api-client';
import { ApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { confirmAction } from '../../ui/confirm-dialog';
import { ErrorBanner } from '../../ui/error-banner';
import { ChoiceFilter } from '../../ui/choice-filter';
import { ListFooter } from '../../ui/list-footer';
import { PagedQuery } from '../../ui/paged-query';
import { PasswordDialog } from '../../ui/password-dialog';
import { StatusChip } from '../../ui/status-chip';
import { WhenPipe } from '../../ui/when-pipe';

@Component({
  selector: 'ops-users-page',
  imports: [ChoiceFilter, ListFooter, ReactiveFormsModule, MatButton, MatCard, MatCardHeader, MatCardTitle, MatCardContent, MatFormField, MatLabel, MatError, MatInput, MatSelect, MatOption, MatTableModule, ErrorBanner, StatusChip, WhenPipe, TranslatePipe],
  templateUrl: './users-page.html',
  styles: `mat-card { margin-bottom: 16px; } .create-form { display: flex; gap: 12px; flex-wrap: wrap; align-items: baseline; } .role-select { width: 130px; } .done { color: var(--mat-sys-primary); }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersPage implements OnInit {
  private readonly client = inject(ApiClient);
  private readonly dialog = inject(MatDialog);
  protected readonly session = inject(SessionStore);
  protected readonly roles: Role[] = ['owner', 'operator', 'viewer'];
  protected readonly columns = ['username', 'displayName', 'role', 'status', 'lastLoginAt', 'buttons'];
  protected readonly createError = signal<ApiError | null>(null);
  protected readonly rowError = signal<ApiError | null>(null);
  protected readonly notice = signal('');
  /** resetForm() (not form.reset()) also clears the submitted state, so the emptied form shows no errors. */
  private readonly formDirective = viewChild(FormGroupDirective);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    username: ['', [Validators.required, Validators.maxLength(80)]],
    displayName: [''],
    password: ['', [Validators.required, Validators.minLength(12)]],
    role: ['viewer' as Role, Validators.required],
  });
  protected readonly statuses: UserDto['status'][] = ['ACTIVE', 'DISABLED'];
  protected readonly query = new PagedQuery(
    ({ page, pageSize, sort }, { q, role, status }) => this.client.page(listUsers, { page, pageSize, sort, q: q.trim() || undefined, role: role ?? undefined, status: status ?? undefined }),
    { sort: 'username', filters: { q: '', role: null as Role | null, status: null as UserDto['status'] | null }, url: true },
  );

  ngOnInit(): void {
    this.query.start();
  }

  async create(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.createError.set(null);
    try {
      const { username, displayName, password, role } = this.form.getRawValue();
      await this.client.call(createUser, { body: { username, password, role, ...(displayName ? { displayName } : {}) } });
      this.formDirective()?.resetForm();
      await this.query.load();
    } catch (error) {
      this.createError.set(ApiError.from(error));
    }
  }

  async changeRole(user: UserDto, role: Role): Promise<void> {
    await this.runRow(() => this.client.call(updateUser, { userId: user.id, body: { role } }));
  }

  async toggleStatus(user: UserDto): Promise<void> {
    const status = user.status === 'ACTIVE' ? 'DISABLED' : 'ACTIVE';
    if (status === 'DISABLED' && !(await confirmAction(this.dialog, { title: 'Disable user', message: 'The user is signed out and cannot sign in until enabled.', facts: [{ label: 'User', value: user.username }], confirmLabel: 'Disable', danger: true }))) return;
    await this.runRow(() => this.client.call(updateUser, { userId: user.id, body: { status } }));
  }

  async resetPassword(user: UserDto): Promise<void> {
    const password = await firstValueFrom(this.dialog.open(PasswordDialog, { data: { username: user.username }, width: '420px' }).afterClosed());
    if (!password) return;
    await this.runRow(() => this.client.call(resetUserPassword, { userId: user.id, body: { password } }));
    if (!this.rowError()) this.notice.set(`Password reset for ${user.username}.`);
  }

  private async runRow(operation: () => Promise<unknown>): Promise<void> {
    this.rowError.set(null);
    this.notice.set('');
    try {
      await operation();
    } catch (error) {
      this.rowError.set(ApiError.from(error));
    }
    await this.query.load();
  }
}
