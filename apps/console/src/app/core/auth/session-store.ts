import { computed, inject, Injectable, signal } from '@angular/core';
import type { UserDto } from '../../api/models/user-dto';
import { adminLogin } from '../../api/fn/admin-auth/admin-login';
import { adminLogout } from '../../api/fn/admin-auth/admin-logout';
import { adminMe } from '../../api/fn/admin-auth/admin-me';
import { ApiClient } from '../http/api-client';
import { CsrfToken } from '../http/csrf-token';
import { Role, roleAtLeast } from './role';

/** The signed-in user and their CSRF token. `restore()` asks the server once whether the cookie is still valid. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly client = inject(ApiClient);
  private readonly csrf = inject(CsrfToken);
  private restored: Promise<boolean> | null = null;

  readonly user = signal<UserDto | null>(null);
  readonly role = computed(() => (this.user()?.role ?? null) as Role | null);
  readonly canOperate = computed(() => roleAtLeast(this.role(), 'operator'));
  readonly isOwner = computed(() => roleAtLeast(this.role(), 'owner'));

  restore(): Promise<boolean> {
    this.restored ??= this.client
      .call(adminMe, undefined)
      .then((session) => {
        this.accept(session);
        return true;
      })
      .catch(() => false);
    return this.restored;
  }

  async login(username: string, password: string): Promise<void> {
    const session = await this.client.call(adminLogin, { body: { username, password } });
    this.accept(session);
  }

  async logout(): Promise<void> {
    try {
      await this.client.call(adminLogout, undefined);
    } finally {
      this.user.set(null);
      this.csrf.value.set(null);
      this.restored = Promise.resolve(false);
    }
  }

  /** The server said the session is gone (401): drop what we know so the next guard asks the server again. */
  forget(): void {
    this.user.set(null);
    this.csrf.value.set(null);
    this.restored = null;
  }

  private accept(session: { user: UserDto; csrfToken: string }): void {
    this.user.set(session.user);
    this.csrf.value.set(session.csrfToken);
    this.restored = Promise.resolve(true);
  }
}
