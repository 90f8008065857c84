import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { Location } from '@angular/common';
import { provideLocationMocks } from '@angular/common/testing';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatPaginatorHarness } from '@angular/material/paginator/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { CommandsPage } from './commands-page';

const page = (data: unknown[] = [], total = data.length) => ({ success: true, data, pagination: { page: 1, pageSize: 20, total } });
const COMMAND = { id: 'cmd_1', status: 'SUCCEEDED', actionName: 'echo', type: 'ACTION_EXECUTE', serviceId: 'svc_1', agentId: 'agt_1', createdAt: '2026-01-01T00:00:00.000Z', durationMs: 5, errorCode: null };

async function setUp(url: string) {
  TestBed.configureTestingModule({
    providers: [provideRouter([{ path: 'commands', component: CommandsPage }]), provideLocationMocks(), provideHttpClient(withInterceptors([apiInterceptor])), provideHttpClientTesting()],
  });
  const harness = await RouterTestingHarness.create();
  // What bootstrapping does: the router follows Back and Forward.
  TestBed.inject(Router).setUpLocationChangeListener();
  const backend = TestBed.inject(HttpTestingController);
  await harness.navigateByUrl(url);
  const loader = TestbedHarnessEnvironment.loader(harness.fixture);
  // The agent and service filters offer the first agents and services by code.
  backend.expectOne((r) => r.url === '/api/admin/agents').flush(page([{ id: 'agt_1', code: 'edge-agent' }]));
  backend.expectOne((r) => r.url === '/api/admin/capsule-services').flush(page([{ id: 'svc_1', code: 'billing' }, { id: 'svc_2', code: 'crm' }]));
  return { harness, backend, loader, router: TestBed.inject(Router) };
}

/** The next list request, answered; returns its query parameters. */
async function listRequest(backend: HttpTestingController, harness: RouterTestingHarness): Promise<Record<string, string[]>> {
  const request: TestRequest = await vi.waitFor(() => backend.expectOne((r) => r.url === '/api/admin/commands'));
  request.flush(page([COMMAND], 45));
  await harness.fixture.whenStable();
  return Object.fromEntries(request.request.params.keys().map((key) => [key, request.request.params.getAll(key) ?? []]));
}

describe('CommandsPage filters', () => {
  it('reads its filters, page and sort from the URL', async () => {
    const { harness, backend, loader } = await setUp('/commands?status=FAILED&status=CANCELLED&actionName=echo&serviceId=svc_2&allTypes=true&page=2&sort=createdAt');
    expect(await listRequest(backend, harness)).toEqual({ page: ['2'], pageSize: ['20'], sort: ['createdAt'], status: ['FAILED', 'CANCELLED'], actionName: ['echo'], serviceId: ['svc_2'] });
    expect(await (await loader.getHarness(MatInputHarness.with({ selector: '[name="actionName"]' }))).getValue()).toBe('echo');
    expect(await (await loader.getHarness(MatSelectHarness.with({ selector: '[name="status"]' }))).getValueText()).toBe('FAILED, CANCELLED');
    expect(await (await loader.getHarness(MatSelectHarness.with({ ancestor: '[data-filter="service"]' }))).getValueText()).toBe('crm');
    expect(await (await loader.getHarness(MatCheckboxHarness)).isChecked()).toBe(true);
    expect(await (await loader.getHarness(MatPaginatorHarness)).getRangeLabel()).toBe('21 – 40 of 45');
    backend.verify();
  });

  it('puts a changed filter in the URL (back to page 1), and Back restores the previous one', async () => {
    const { harness, backend, loader, router } = await setUp('/commands?page=3');
    expect((await listRequest(backend, harness))['page']).toEqual(['3']);
    const agent = await loader.getHarness(MatSelectHarness.with({ ancestor: '[data-filter="agent"]' }));
    await agent.open();
    await agent.clickOptions({ text: 'edge-agent' });
    const filtered = await listRequest(backend, harness);
    expect(filtered['agentId']).toEqual(['agt_1']);
    expect(filtered['page']).toEqual(['1']);
    expect(router.url).toBe('/commands?agentId=agt_1');
    const service = await loader.getHarness(MatSelectHarness.with({ ancestor: '[data-filter="service"]' }));
    await service.open();
    await service.clickOptions({ text: 'billing' });
    expect(await listRequest(backend, harness)).toMatchObject({ agentId: ['agt_1'], serviceId: ['svc_1'] });
    expect(router.url).toBe('/commands?agentId=agt_1&serviceId=svc_1');

    TestBed.inject(Location).back();
    const restored = await listRequest(backend, harness);
    expect(restored['agentId']).toEqual(['agt_1']);
    expect(restored['serviceId']).toBeUndefined();
    expect(await service.getValueText()).toBe('Any');
    backend.verify();
  });
});
