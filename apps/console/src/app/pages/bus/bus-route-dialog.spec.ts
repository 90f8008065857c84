import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import type { BusRouteDto } from '../../api/models/bus-route-dto';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { BusRouteDialog } from './bus-route-dialog';

const SERVICES = '/api/admin/capsule-services';
const ROUTES = '/api/admin/bus/routes';

const SAVED: BusRouteDto = {
  id: 'brt_1', name: 'orders to mailer', description: null, status: 'DRY_RUN', match: { eventType: 'order.created', sourceServiceCode: null },
  target: { serviceCode: 'mailer', actionName: 'notify' }, inputMapping: { orderId: '$event.payload.orderId' }, condition: null, metadata: {},
  createdByUserId: 'usr_1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', experimental: 'v0.4-experimental',
};

function setUp(route: BusRouteDto | null = null) {
  const close = vi.fn();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]), provideHttpClient(withInterceptors([apiInterceptor])), provideHttpClientTesting(),
      { provide: MAT_DIALOG_DATA, useValue: { route } }, { provide: MatDialogRef, useValue: { close } },
    ],
  });
  const fixture = TestBed.createComponent(BusRouteDialog);
  fixture.detectChanges();
  const backend = TestBed.inject(HttpTestingController);
  backend.expectOne((req) => req.url === SERVICES).flush({
    success: true,
    data: [{ id: 'svc_m', code: 'mailer', name: 'Mailer', agentId: 'agt_1', status: 'HEALTHY' }],
    pagination: { page: 1, pageSize: 100, total: 1 },
  });
  return { fixture, backend, close, loader: TestbedHarnessEnvironment.loader(fixture) };
}

async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }) {
  await new Promise((resolve) => setTimeout(resolve));
  fixture.detectChanges();
  await fixture.whenStable();
}

const input = (loader: ReturnType<typeof setUp>['loader'], name: string) => loader.getHarness(MatInputHarness.with({ selector: `[name="${name}"]` }));
const errorsOf = async (loader: ReturnType<typeof setUp>['loader'], field: string) =>
  (await loader.getHarness(MatFormFieldHarness.with({ selector: `[data-field="${field}"]` }))).getTextErrors();

async function fillValid(loader: ReturnType<typeof setUp>['loader']) {
  await (await input(loader, 'name')).setValue('orders to mailer');
  await (await input(loader, 'eventType')).setValue('order.created');
  await (await input(loader, 'targetServiceCode')).setValue('mailer');
  await (await input(loader, 'actionName')).setValue('notify');
}

describe('BusRouteDialog', () => {
  it('refuses text that is not a JSON object in the mapping and condition, and sends parsed objects once fixed', async () => {
    const { fixture, backend, close, loader } = setUp();
    await fillValid(loader);
    backend.expectOne('/api/admin/capsule-services/svc_m/actions').flush({ success: true, data: [] });
    await (await input(loader, 'inputMapping')).setValue('{ "orderId": "$event.payload.orderId", }');
    await (await input(loader, 'condition')).setValue('[1, 2]');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Create route' }))).click();
    await settle(fixture);
    backend.expectNone({ method: 'POST', url: ROUTES });
    expect((await errorsOf(loader, 'inputMapping'))[0]).toMatch(/^Not a JSON object: /);
    expect(await errorsOf(loader, 'condition')).toEqual(['Not a JSON object: Must be a JSON object ({ … })']);

    await (await input(loader, 'inputMapping')).setValue('{ "orderId": "$event.payload.orderId", "priority": 2 }');
    await (await input(loader, 'condition')).setValue('');
    await (await loader.getHarness(MatSelectHarness)).clickOptions({ text: 'ENABLED' });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Create route' }))).click();
    const post = backend.expectOne({ method: 'POST', url: ROUTES });
    expect(post.request.body).toEqual({
      name: 'orders to mailer', status: 'ENABLED', eventType: 'order.created', targetServiceCode: 'mailer', actionName: 'notify',
      inputMapping: { orderId: '$event.payload.orderId', priority: 2 },
    });
    post.flush({ success: true, data: SAVED });
    await vi.waitFor(() => expect(close).toHaveBeenCalledWith(SAVED));
    backend.verify();
  });

  it('shows the server\'s 422 issues against the fields they name and keeps the dialog open', async () => {
    const { fixture, backend, close, loader } = setUp();
    await fillValid(loader);
    backend.expectOne('/api/admin/capsule-services/svc_m/actions').flush({ success: true, data: [] });
    await (await input(loader, 'inputMapping')).setValue('{ "message": "$event.payloadd.x" }');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Create route' }))).click();
    backend.expectOne({ method: 'POST', url: ROUTES }).flush(
      {
        success: false,
        error: {
          code: 'BUS_ROUTE_INVALID', message: 'The route cannot be saved.', requestId: 'req_1',
          details: { issues: [
            { path: 'inputMapping.message', message: 'unknown template root $event.payloadd' },
            { path: 'actionName', message: 'service "mailer" declares no enabled action "notify"' },
            { path: 'metadata', message: 'too large' },
          ] },
        },
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle(fixture);
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('.error-code')!.textContent).toBe('BUS_ROUTE_INVALID');
    expect(await errorsOf(loader, 'inputMapping')).toEqual(['message: unknown template root $event.payloadd']);
    expect(await errorsOf(loader, 'actionName')).toEqual(['service "mailer" declares no enabled action "notify"']);
    expect(await errorsOf(loader, 'name')).toEqual([]);
    expect(element.querySelector('.general-issues')!.textContent).toContain('metadata: too large');
    expect(close).not.toHaveBeenCalled();

    // Editing the field clears the server's complaint about it.
    await (await input(loader, 'actionName')).setValue('notify2');
    expect(await errorsOf(loader, 'actionName')).toEqual([]);
    backend.verify();
  });

  it('edits an existing route with PUT, prefilled with its pretty-printed mapping', async () => {
    const { fixture, backend, close, loader } = setUp(SAVED);
    await settle(fixture);
    backend.expectOne('/api/admin/capsule-services/svc_m/actions').flush({ success: true, data: [] });
    expect(await (await input(loader, 'inputMapping')).getValue()).toBe('{\n  "orderId": "$event.payload.orderId"\n}');
    await (await input(loader, 'sourceServiceCode')).setValue('shop');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Save' }))).click();
    const put = backend.expectOne({ method: 'PUT', url: `${ROUTES}/brt_1` });
    expect(put.request.body).toMatchObject({ sourceServiceCode: 'shop', status: 'DRY_RUN', inputMapping: SAVED.inputMapping });
    expect(put.request.body.condition).toBeUndefined();
    put.flush({ success: true, data: { ...SAVED, match: { eventType: 'order.created', sourceServiceCode: 'shop' } } });
    await vi.waitFor(() => expect(close).toHaveBeenCalled());
  });
});
