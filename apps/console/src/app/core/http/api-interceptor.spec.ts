import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { SessionStore } from '../auth/session-store';
import { firstValueFrom } from 'rxjs';
import { ApiError } from './api-error';
import { apiInterceptor } from './api-interceptor';
import { CsrfToken } from './csrf-token';

describe('apiInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(withInterceptors([apiInterceptor])), provideHttpClientTesting()] });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(CsrfToken).value.set('csrf-123');
  });

  afterEach(() => backend.verify());

  it('sends X-CSRF-Token on mutating requests only', async () => {
    const post = firstValueFrom(http.post('/api/admin/things', {}));
    const postRequest = backend.expectOne('/api/admin/things');
    expect(postRequest.request.headers.get('X-CSRF-Token')).toBe('csrf-123');
    postRequest.flush({ success: true });
    await post;
    const get = firstValueFrom(http.get('/api/admin/things'));
    const getRequest = backend.expectOne('/api/admin/things');
    expect(getRequest.request.headers.has('X-CSRF-Token')).toBe(false);
    getRequest.flush({ success: true });
    await get;
  });

  it('maps the error envelope to an ApiError with the server code, message, details and request id', async () => {
    const call = firstValueFrom(http.post('/api/admin/things', {}));
    backend.expectOne('/api/admin/things').flush(
      { success: false, error: { code: 'ACTION_REQUIRES_CONFIRMATION', message: 'Confirm first.', details: { actionName: 'wipe' }, requestId: 'req-1' } },
      { status: 409, statusText: 'Conflict' },
    );
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'ACTION_REQUIRES_CONFIRMATION', message: 'Confirm first.', details: { actionName: 'wipe' }, requestId: 'req-1' });
  });

  it('maps the error envelope of a failed file download (a Blob body) like any other', async () => {
    const call = firstValueFrom(http.post('/api/admin/backup/sqlite', {}, { responseType: 'blob' }));
    const envelope = { success: false, error: { code: 'FORBIDDEN', message: 'Owners only.', requestId: 'req-2' } };
    backend.expectOne('/api/admin/backup/sqlite').flush(new Blob([JSON.stringify(envelope)], { type: 'application/json' }), { status: 403, statusText: 'Forbidden' });
    await expect(call).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN', message: 'Owners only.', requestId: 'req-2' });
  });

  it('maps a response without an envelope to HTTP_<status>', async () => {
    const call = firstValueFrom(http.get('/api/admin/things'));
    backend.expectOne('/api/admin/things').flush('gateway down', { status: 502, statusText: 'Bad Gateway' });
    await expect(call).rejects.toMatchObject({ code: 'HTTP_502', status: 502 });
  });

  it('on 401 forgets the session and sends the user to the login page', async () => {
    const router = TestBed.inject(Router);
    const navigate = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    const session = TestBed.inject(SessionStore);
    session.user.set({ id: 'usr_1', username: 'ann', role: 'owner' } as never);
    const call = firstValueFrom(http.get('/api/admin/agents'));
    backend.expectOne('/api/admin/agents').flush({ success: false, error: { code: 'UNAUTHORIZED', message: 'Session expired.' } }, { status: 401, statusText: 'Unauthorized' });
    await expect(call).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(session.user()).toBeNull();
    expect(TestBed.inject(CsrfToken).value()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/' } });
  });
});
