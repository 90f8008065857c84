import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject, Injector } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, Observable, switchMap, throwError } from 'rxjs';
import { ApiError, isErrorEnvelope } from './api-error';
import { SessionStore } from '../auth/session-store';
import { CsrfToken } from './csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Adds the CSRF header to mutating requests and turns every failed response into an {@link ApiError}. */
export const apiInterceptor: HttpInterceptorFn = (request, next) => {
  const csrf = inject(CsrfToken).value();
  const router = inject(Router);
  const injector = inject(Injector);
  const withCsrf = !SAFE_METHODS.has(request.method) && csrf ? request.clone({ setHeaders: { 'X-CSRF-Token': csrf } }) : request;
  return next(withCsrf).pipe(
    catchError((response: unknown) => readableError(response)),
    catchError((response: unknown) => {
      const error = toApiError(response);
      const onLoginPage = router.url.startsWith('/login');
      if (error.status === 401 && !onLoginPage && !request.url.endsWith('/api/admin/auth/me')) {
        // Resolved lazily: the session store uses the HTTP client this interceptor belongs to.
        injector.get(SessionStore).forget();
        void router.navigate(['/login'], { queryParams: { returnUrl: router.url } });
      }
      return throwError(() => error);
    }),
  );
};

/** A failed file download carries its error envelope as a Blob: read it as text so it maps like any other. */
function readableError(response: unknown): Observable<never> {
  if (response instanceof HttpErrorResponse && response.error instanceof Blob) {
    const { headers, status, statusText, url } = response;
    return from(response.error.text()).pipe(switchMap((text) => throwError(() => new HttpErrorResponse({ error: text, headers, status, statusText, url: url ?? undefined }))));
  }
  return throwError(() => response);
}

function toApiError(response: unknown): ApiError {
  if (!(response instanceof HttpErrorResponse)) return ApiError.from(response);
  let body: unknown = response.error;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      /* not JSON: fall through to the generic mapping */
    }
  }
  if (isErrorEnvelope(body)) {
    const { code, message, details, requestId } = body.error;
    return new ApiError(response.status, code, message, details ?? null, requestId ?? null);
  }
  if (response.status === 0) return new ApiError(0, 'NETWORK_ERROR', 'The server could not be reached.');
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || 'Request failed');
}
