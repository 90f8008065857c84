import { Injectable, signal } from '@angular/core';

/** The session's CSRF token, sent as `X-CSRF-Token` on every mutating request. Kept apart from the session store
 * so the HTTP interceptor has no dependency on the API client it intercepts. */
@Injectable({ providedIn: 'root' })
export class CsrfToken {
  readonly value = signal<string | null>(null);
}
