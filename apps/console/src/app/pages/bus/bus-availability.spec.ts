import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { BusAvailability } from './bus-availability';

const DIAGNOSTICS = '/api/admin/bus/diagnostics';

function setUp() {
  TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(withInterceptors([apiInterceptor])), provideHttpClientTesting()] });
  return { bus: TestBed.inject(BusAvailability), backend: TestBed.inject(HttpTestingController) };
}

describe('BusAvailability', () => {
  it('asks once while a question is on its way, forced or not; a forced check after the answer asks again', async () => {
    const { bus, backend } = setUp();
    const shell = bus.check();
    const page = bus.check(true);
    backend.expectOne(DIAGNOSTICS).flush({ success: true, data: { enabled: true } });
    expect(await Promise.all([shell, page])).toEqual(['enabled', 'enabled']);
    expect(bus.state()).toBe('enabled');
    expect(await bus.check()).toBe('enabled');
    backend.expectNone(DIAGNOSTICS);
    const again = bus.check(true);
    backend.expectOne(DIAGNOSTICS).flush({ success: false, error: { code: 'CAPSULE_BUS_DISABLED', message: 'off' } }, { status: 404, statusText: 'Not Found' });
    expect(await again).toBe('disabled');
    expect(bus.state()).toBe('disabled');
    backend.verify();
  });

  it('leaves the state as it was when the server cannot tell, and asks again next time', async () => {
    const { bus, backend } = setUp();
    const first = bus.check();
    backend.expectOne(DIAGNOSTICS).flush('gateway down', { status: 502, statusText: 'Bad Gateway' });
    await expect(first).rejects.toMatchObject({ status: 502 });
    expect(bus.state()).toBe('unknown');
    const second = bus.check();
    backend.expectOne(DIAGNOSTICS).flush({ success: true, data: { enabled: false } });
    expect(await second).toBe('disabled');
    backend.verify();
  });
});
