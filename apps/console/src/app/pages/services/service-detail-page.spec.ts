import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatTabGroupHarness } from '@angular/material/tabs/testing';
import { provideRouter } from '@angular/router';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { AdminStream } from '../../core/stream/admin-stream';
import { ServiceDetailPage } from './service-detail-page';
import { FakeStream } from '../../testing/fake-stream';

const HISTORY = '/api/admin/capsule-services/svc_1/health/history';
const SERVICE = {
  id: 'svc_1', agentId: 'agt_1', code: 'billing', name: 'Billing', description: null, runtime: 'nodejs', version: '1.0.0', status: 'HEALTHY', storedStatus: 'HEALTHY',
  healthStatus: 'UP', health: null, lastHealthAt: null, lastReportedAt: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
  manifest: {}, actions: [], configs: [], capabilities: [], events: { published: [], consumed: [] }, permissions: [],
};
/** 130 reports, newest first, a minute apart. */
const REPORTS = Array.from({ length: 130 }, (_, i) => ({ id: `hr_${i}`, status: 'UP', message: `report ${i}`, details: null, reportedAt: new Date(Date.UTC(2026, 0, 1, 12, 0) - i * 60_000).toISOString() }));
const page = (data: unknown[], total = data.length) => ({ success: true, data, pagination: { page: 1, pageSize: data.length, total } });

async function setUp() {
  localStorage.setItem('opstage.language', 'en');
  const stream = new FakeStream();
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(withInterceptors([apiInterceptor])), provideHttpClientTesting(), { provide: AdminStream, useValue: stream }],
  });
  const fixture = TestBed.createComponent(ServiceDetailPage);
  fixture.componentRef.setInput('serviceId', 'svc_1');
  fixture.detectChanges();
  const backend = TestBed.inject(HttpTestingController);
  backend.expectOne('/api/admin/capsule-services/svc_1').flush({ success: true, data: SERVICE });
  backend.expectOne((r) => r.url === '/api/admin/commands').flush(page([]));
  backend.expectOne((r) => r.url === '/api/admin/audit-events').flush(page([]));
  return { fixture, backend, stream, loader: TestbedHarnessEnvironment.loader(fixture) };
}

/** The one health-history request now open, answered with the latest reports it asks for. */
async function answerHistory(backend: HttpTestingController): Promise<TestRequest> {
  const request = await vi.waitFor(() => backend.expectOne((r) => r.url === HISTORY));
  const size = Number(request.request.params.get('pageSize'));
  const from = (Number(request.request.params.get('page')) - 1) * size;
  request.flush(page(REPORTS.slice(from, from + size), REPORTS.length));
  return request;
}

describe('ServiceDetailPage health', () => {
  it('reads the latest reports once for the timeline and the history table, also on a live update', async () => {
    const { fixture, backend, stream, loader } = await setUp();
    const first = await answerHistory(backend);
    expect(first.request.params.get('pageSize')).toBe('100');
    await fixture.whenStable();
    await (await loader.getHarness(MatTabGroupHarness)).selectTab({ label: 'Health' });
    const element = fixture.nativeElement as HTMLElement;
    // The timeline charts the latest 100, the table shows the first 20 of them.
    expect(element.querySelector('ops-health-timeline rect[data-status="UP"] title')!.textContent).toContain('100 reports');
    const rows = () => [...element.querySelectorAll('.tab-body table tbody tr td:nth-child(2)')].map((td) => td.textContent!.trim());
    expect(rows()).toEqual(REPORTS.slice(0, 20).map((r) => r.message));
    expect(await (await loader.getHarness(MatPaginatorHarness)).getRangeLabel()).toBe('1 – 20 of 130');

    stream.send({ type: 'agent', agentId: 'agt_1' });
    backend.expectOne('/api/admin/capsule-services/svc_1').flush({ success: true, data: SERVICE });
    expect((await answerHistory(backend)).request.params.get('pageSize')).toBe('100');
    backend.verify();
  });

  it('asks for a page beyond the latest reports by itself, and then refreshes the timeline apart', async () => {
    const { fixture, backend, stream, loader } = await setUp();
    await answerHistory(backend);
    await fixture.whenStable();
    await (await loader.getHarness(MatTabGroupHarness)).selectTab({ label: 'Health' });
    const paginator = await loader.getHarness(MatPaginatorHarness);
    await paginator.setPageSize(50);
    expect((await answerHistory(backend)).request.params.get('pageSize')).toBe('100');
    await paginator.goToNextPage();
    expect((await answerHistory(backend)).request.params.get('pageSize')).toBe('100');
    await paginator.goToNextPage();
    const older = await answerHistory(backend);
    expect([older.request.params.get('page'), older.request.params.get('pageSize')]).toEqual(['3', '50']);
    await fixture.whenStable();
    expect(await paginator.getRangeLabel()).toBe('101 – 130 of 130');

    stream.send({ type: 'services', agentId: 'agt_1' });
    backend.expectOne('/api/admin/capsule-services/svc_1').flush({ success: true, data: SERVICE });
    const requests = backend.match((r) => r.url === HISTORY);
    expect(requests.map((r) => r.request.params.get('pageSize')).sort()).toEqual(['100', '50']);
    for (const request of requests) request.flush(page([], REPORTS.length));
    backend.verify();
  });
});
