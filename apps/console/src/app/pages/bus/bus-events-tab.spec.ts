import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter, Router } from '@angular/router';
import type { BusDispatchDto } from '../../api/models/bus-dispatch-dto';
import type { BusEventDto } from '../../api/models/bus-event-dto';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { AdminStream } from '../../core/stream/admin-stream';
import { BusEventsTab } from './bus-events-tab';
import { FakeStream } from '../../testing/fake-stream';

const EVENTS = '/api/admin/bus/events';

const dispatch = (overrides: Partial<BusDispatchDto>): BusDispatchDto => ({
  id: 'bdp_x', eventId: 'bev_1', routeId: 'brt_1', routeName: 'route', targetServiceCode: 'mailer', actionName: 'notify', dryRun: false, status: 'CREATED',
  payload: null, commandId: null, commandStatus: null, errorCode: null, errorMessage: null, issues: null, attempts: 1,
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', replayedAt: null, ...overrides,
});

const EVENT: BusEventDto = {
  id: 'bev_1', agentId: 'agt_1', sourceServiceId: 'svc_s', sourceServiceCode: 'shop', eventType: 'order.created', clientEventId: 'evt-1',
  payload: { orderId: 'o-1' }, metadata: {}, correlationId: 'bev_root', causationId: 'bev_root', depth: 1, dryRun: false,
  occurredAt: '2026-01-01T00:00:00.000Z', acceptedAt: '2026-01-01T00:00:01.000Z', routeCount: 3, experimental: 'v0.4-experimental',
  dispatches: [
    dispatch({ id: 'bdp_created', routeName: 'orders to mailer', status: 'CREATED', commandId: 'cmd_1', commandStatus: 'SUCCEEDED', payload: { orderId: 'o-1' } }),
    dispatch({ id: 'bdp_dry', routeName: 'audit trail', status: 'DRY_RUN', dryRun: true, targetServiceCode: 'ledger', actionName: 'record', payload: { id: 'o-1' } }),
    dispatch({ id: 'bdp_failed', routeName: 'sms', status: 'FAILED', errorCode: 'BUS_MAPPING_INVALID', errorMessage: 'The mapping did not resolve.', issues: [{ path: 'payload.phone', message: 'is missing' }] }),
  ],
};

async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }) {
  await new Promise((resolve) => setTimeout(resolve));
  fixture.detectChanges();
  await fixture.whenStable();
}

const NO_EVENTS = { success: true, data: [], pagination: { page: 1, pageSize: 20, total: 0 } };

async function setUp(url = '/', stream = new FakeStream()) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(withInterceptors([apiInterceptor])), provideHttpClientTesting(), { provide: AdminStream, useValue: stream }],
  });
  await TestBed.inject(Router).navigateByUrl(url);
  const fixture = TestBed.createComponent(BusEventsTab);
  fixture.detectChanges();
  await settle(fixture);
  return { fixture, backend: TestBed.inject(HttpTestingController), loader: TestbedHarnessEnvironment.loader(fixture), router: TestBed.inject(Router) };
}

describe('BusEventsTab', () => {
  it('shows each dispatch of an expanded event: status, command link, dry run and error with issues', async () => {
    const { fixture, backend, loader } = await setUp();
    const list = backend.expectOne((req) => req.url === EVENTS);
    expect(list.request.params.get('sort')).toBe('-acceptedAt');
    list.flush({ success: true, data: [EVENT], pagination: { page: 1, pageSize: 20, total: 1 } });
    await settle(fixture);
    const element = fixture.nativeElement as HTMLElement;
    const row = element.querySelector('tr[data-event="bev_1"]')!;
    expect([...row.querySelectorAll('[data-dispatch-status]')].map((chip) => chip.getAttribute('data-dispatch-status'))).toEqual(['CREATED', 'DRY_RUN', 'FAILED']);
    expect(row.querySelector('.depth')!.textContent!.trim()).toBe('1');
    expect(element.querySelector('.event-detail')).toBeNull();

    const expand = await loader.getHarness(MatButtonHarness.with({ selector: '.expand-event' }));
    expect(await (await expand.host()).getAttribute('aria-expanded')).toBe('false');
    await expand.click();
    await settle(fixture);
    expect(await (await expand.host()).getAttribute('aria-expanded')).toBe('true');

    const created = element.querySelector('[data-dispatch="bdp_created"]')!;
    expect(created.querySelector('a.command-link')!.getAttribute('href')).toBe('/commands/cmd_1');
    expect(created.querySelector('.command-status [data-status]')!.getAttribute('data-status')).toBe('SUCCEEDED');
    expect(created.querySelector('.dispatch-error')).toBeNull();

    const dry = element.querySelector('[data-dispatch="bdp_dry"]')!;
    expect(dry.querySelector('a.command-link')).toBeNull();
    expect(dry.querySelector('.dry-run')!.textContent).toContain('dry run: nothing dispatched');
    expect(dry.querySelector('.dispatch-payload')!.textContent).toContain('"id": "o-1"');

    const failed = element.querySelector('[data-dispatch="bdp_failed"]')!;
    expect(failed.querySelector('.dispatch-status [data-status]')!.getAttribute('data-status')).toBe('FAILED');
    expect(failed.querySelector('.error-code')!.textContent).toBe('BUS_MAPPING_INVALID');
    expect(failed.querySelector('.dispatch-error')!.textContent).toContain('The mapping did not resolve.');
    expect(failed.querySelector('.issue')!.textContent).toBe('payload.phone: is missing');

    expect(element.querySelector('a.audit-chain')!.getAttribute('href')).toBe('/bus?tab=audit&correlationId=bev_root');
    await expand.click();
    await settle(fixture);
    expect(element.querySelector('.event-detail')).toBeNull();
    backend.verify();
  });

  it('takes its filters from the URL and puts applied filters back into it', async () => {
    const { fixture, backend, loader, router } = await setUp('/?eventType=order.created&correlationId=bev_root');
    const first = backend.expectOne((req) => req.url === EVENTS);
    expect(first.request.params.get('eventType')).toBe('order.created');
    expect(first.request.params.get('correlationId')).toBe('bev_root');
    expect(first.request.params.has('sourceServiceCode')).toBe(false);
    first.flush({ success: true, data: [], pagination: { page: 1, pageSize: 20, total: 0 } });
    await settle(fixture);
    expect((fixture.nativeElement as HTMLElement).querySelector('.empty-state')!.textContent).toContain('No events yet.');
    expect(await (await loader.getHarness(MatInputHarness.with({ selector: '[name="eventType"]' }))).getValue()).toBe('order.created');

    await (await loader.getHarness(MatInputHarness.with({ selector: '[name="sourceServiceCode"]' }))).setValue('shop');
    await (await loader.getHarness(MatInputHarness.with({ selector: '[name="correlationId"]' }))).setValue('');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Apply' }))).click();
    await settle(fixture);
    expect(router.url).toBe('/?eventType=order.created&sourceServiceCode=shop');
    const second = await vi.waitFor(() => backend.expectOne((req) => req.url === EVENTS));
    expect(second.request.params.get('sourceServiceCode')).toBe('shop');
    expect(second.request.params.has('correlationId')).toBe(false);
    second.flush({ success: true, data: [], pagination: { page: 1, pageSize: 20, total: 0 } });
    backend.verify();
  });

  it('leaves the bus page’s other query parameters (its tab) in the URL, and does not reload when only they change', async () => {
    const { fixture, backend, loader, router } = await setUp('/?tab=events&eventType=order.created');
    backend.expectOne((req) => req.url === EVENTS).flush(NO_EVENTS);
    await settle(fixture);
    await (await loader.getHarness(MatInputHarness.with({ selector: '[name="eventType"]' }))).setValue(' order.paid ');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Apply' }))).click();
    await settle(fixture);
    expect(router.url).toBe('/?tab=events&eventType=order.paid');
    const applied = await vi.waitFor(() => backend.expectOne((req) => req.url === EVENTS));
    expect(applied.request.params.get('eventType')).toBe('order.paid');
    applied.flush(NO_EVENTS);
    await router.navigateByUrl('/?tab=audit&eventType=order.paid');
    await settle(fixture);
    backend.expectNone((req) => req.url === EVENTS);
    backend.verify();
  });

  it('reloads live on a new event and on a change of a command it shows, not on other commands', async () => {
    const stream = new FakeStream();
    const { fixture, backend } = await setUp('/', stream);
    backend.expectOne((req) => req.url === EVENTS).flush({ success: true, data: [EVENT], pagination: { page: 1, pageSize: 20, total: 1 } });
    await settle(fixture);
    stream.send({ type: 'command.finished', commandId: 'cmd_elsewhere', status: 'SUCCEEDED' });
    backend.expectNone((req) => req.url === EVENTS);
    stream.send({ type: 'command.finished', commandId: 'cmd_1', status: 'FAILED' });
    backend.expectOne((req) => req.url === EVENTS).flush({ success: true, data: [EVENT], pagination: { page: 1, pageSize: 20, total: 1 } });
    await settle(fixture);
    stream.send({ type: 'bus.event', eventId: 'bev_2', commandsCreated: 0 });
    backend.expectOne((req) => req.url === EVENTS).flush(NO_EVENTS);
    backend.verify();
  });
});
