import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideRouter } from '@angular/router';
import type { ActionDefinitionDto } from '../api/models/action-definition-dto';
import { apiInterceptor } from '../core/http/api-interceptor';
import { ActionPanel } from './action-panel';

const ACTION: ActionDefinitionDto = {
  id: 'act_1', serviceId: 'svc_1', name: 'wipeCache', label: 'Wipe cache', description: null, dangerLevel: 'HIGH', requiresConfirmation: false,
  category: 'runtime', order: 1, timeoutSeconds: null, enabled: true, createdAt: '', updatedAt: '',
  inputSchema: { type: 'object', required: ['region'], properties: { region: { type: 'string', title: 'Region' } } },
} as unknown as ActionDefinitionDto;

const PATH = '/api/admin/capsule-services/svc_1/actions/wipeCache';

function setUp() {
  TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(withInterceptors([apiInterceptor])), provideHttpClientTesting()] });
  const fixture = TestBed.createComponent(ActionPanel);
  fixture.componentRef.setInput('serviceId', 'svc_1');
  fixture.componentRef.setInput('serviceCode', 'cache');
  fixture.componentRef.setInput('action', ACTION);
  fixture.detectChanges();
  return { fixture, backend: TestBed.inject(HttpTestingController), loader: TestbedHarnessEnvironment.loader(fixture), root: TestbedHarnessEnvironment.documentRootLoader(fixture) };
}

async function settle(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }) {
  await new Promise((resolve) => setTimeout(resolve));
  fixture.detectChanges();
  await fixture.whenStable();
}

describe('ActionPanel', () => {
  it('keeps the panel usable when prepare fails, confirms a HIGH action, then shows the command result', async () => {
    const { fixture, backend, loader, root } = setUp();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Open' }))).click();
    backend.expectOne({ method: 'GET', url: PATH }).flush(
      { success: false, error: { code: 'ACTION_PREPARE_TIMEOUT', message: 'The agent did not answer in time.', details: {}, requestId: 'r1' } },
      { status: 408, statusText: 'Request Timeout' },
    );
    await settle(fixture);
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('.error-code')!.textContent).toBe('ACTION_PREPARE_TIMEOUT');
    // The catalogue schema still drives the form.
    const region = await loader.getHarness(MatInputHarness);
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Run' }))).click();
    backend.expectNone({ method: 'POST', url: PATH });
    await region.setValue('eu');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Run' }))).click();
    const dialog = await root.getHarness(MatDialogHarness);
    expect(await dialog.getContentText()).toContain('HIGH');
    expect(await dialog.getContentText()).toContain('{"region":"eu"}');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Run' }))).click();
    // The command is created once the dialog has closed.
    const execute = await vi.waitFor(() => backend.expectOne({ method: 'POST', url: PATH }));
    expect(execute.request.body).toEqual({ payload: { region: 'eu' }, confirmation: true });
    execute.flush({ success: true, data: { id: 'cmd_1', status: 'PENDING', actionName: 'wipeCache' } });
    (await vi.waitFor(() => backend.expectOne('/api/admin/commands/cmd_1'))).flush({
      success: true,
      data: { id: 'cmd_1', status: 'SUCCEEDED', actionName: 'wipeCache', errorCode: null, result: { success: true, message: 'wiped', data: { list: { data: [{ region: 'eu', keys: 3 }] } } } },
    });
    await settle(fixture);
    await vi.waitFor(() => expect(element.querySelector('[data-command-status]')?.getAttribute('data-command-status')).toBe('SUCCEEDED'));
    const table = await loader.getHarness(MatTableHarness);
    expect(await table.getCellTextByIndex()).toEqual([['eu', '3']]);
    backend.verify();
  });

  it('does not run a HIGH action when the confirmation is cancelled', async () => {
    const { fixture, backend, loader, root } = setUp();
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Open' }))).click();
    backend.expectOne({ method: 'GET', url: PATH }).flush({ success: true, data: { action: ACTION, initialPayload: { region: 'us' }, currentState: {}, prepareCommand: {} } });
    await settle(fixture);
    expect(await (await loader.getHarness(MatInputHarness)).getValue()).toBe('us');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Run' }))).click();
    await (await (await root.getHarness(MatDialogHarness)).getHarness(MatButtonHarness.with({ text: 'Cancel' }))).click();
    await vi.waitFor(async () => expect((await root.getAllHarnesses(MatDialogHarness)).length).toBe(0));
    await settle(fixture);
    backend.expectNone({ method: 'POST', url: PATH });
    backend.verify();
  });
});
