import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpHeaders } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { provideRouter } from '@angular/router';
import { SessionStore } from '../../core/auth/session-store';
import { apiInterceptor } from '../../core/http/api-interceptor';
import { SettingsPage } from './settings-page';

const SETTINGS = { agentOfflineThresholdSeconds: 90, maintenanceIntervalSeconds: 60, auditRetentionDays: 30, healthRetentionDays: 7, commandRetentionDays: 30, backupRetentionCount: 5 };
const RUNTIME = {
  version: '0.4.0', edition: 'CE', node: 'v24.21.0', platform: 'linux', arch: 'x64', pid: 42, uptimeSeconds: 3725,
  memory: { rss: 104857600, heapUsed: 20971520, heapTotal: 41943040, external: 0, arrayBuffers: 0 },
  config: { host: '127.0.0.1', port: 8080, databasePath: '/data/opstage.db', backupDir: '/data/backups', staticDir: '/app/console', capsuleBusEnabled: false, maintenance: SETTINGS },
};
const METRICS = {
  operational: { commandsDispatched: 12, commandsCompleted: 10, commandsFailed: 1, agentCommandPolls: 345, staleOnlineAgents: 0 },
  commandDurations: { p50Ms: 120, p95Ms: 2500, sampleSize: 11, meanMs: 300, maxMs: 3000 },
};

function setUp(role: 'owner' | 'viewer') {
  TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(withInterceptors([apiInterceptor])), provideHttpClientTesting()] });
  TestBed.inject(SessionStore).user.set({ id: 'usr_1', username: 'ann', role } as never);
  const fixture = TestBed.createComponent(SettingsPage);
  fixture.detectChanges();
  const backend = TestBed.inject(HttpTestingController);
  backend.expectOne('/api/admin/settings/maintenance').flush({ success: true, data: SETTINGS });
  if (role === 'owner') backend.expectOne('/api/admin/diagnostics/runtime').flush({ success: true, data: RUNTIME });
  backend.expectOne('/api/admin/metrics').flush({ success: true, data: METRICS });
  return { fixture, backend, loader: TestbedHarnessEnvironment.loader(fixture), element: fixture.nativeElement as HTMLElement };
}

const text = (element: HTMLElement, selector: string) => element.querySelector(selector)?.textContent?.trim();

describe('SettingsPage', () => {
  it('shows the runtime diagnostics, a metrics summary and the Prometheus link', async () => {
    const { fixture, element, backend } = setUp('owner');
    await vi.waitFor(() => {
      fixture.detectChanges();
      expect(text(element, '[data-fact="node"]')).toBe('v24.21.0');
    });
    expect(text(element, '[data-fact="uptime"]')).toBe('1h 2m');
    expect(text(element, '[data-fact="memory"]')).toBe('RSS 100.0 MiB, heap 20.0 MiB / 40.0 MiB');
    expect(text(element, '[data-fact="database"]')).toBe('/data/opstage.db');
    expect(text(element, '[data-metric="commandsDispatched"]')).toBe('12');
    expect(text(element, '[data-metric="durations"]')).toContain('120 ms / 2.5 s');
    expect(element.querySelector('a.metrics-link')?.getAttribute('href')).toBe('/metrics');
    backend.verify();
  });

  it('takes a backup and hands the file to the browser under the server’s name', async () => {
    const { fixture, backend, loader, element } = setUp('owner');
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Download a backup' }))).click();
    const request = backend.expectOne({ method: 'POST', url: '/api/admin/backup/sqlite' });
    request.flush(new Blob(['SQLite format 3\0 and more']), { headers: new HttpHeaders({ 'content-disposition': 'attachment; filename=opstage-20260101T000000Z.db' }) });
    await vi.waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0].download).toBe('opstage-20260101T000000Z.db');
    expect(clicked[0].href).toMatch(/^blob:/);
    await fixture.whenStable();
    expect(text(element, '.backup-taken')).toBe('Backup opstage-20260101T000000Z.db downloaded (25 B).');
    click.mockRestore();
  });

  it('shows the server’s code when the backup is refused', async () => {
    const { fixture, backend, loader, element } = setUp('owner');
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Download a backup' }))).click();
    const envelope = { success: false, error: { code: 'BACKUP_FAILED', message: 'disk full' } };
    backend.expectOne('/api/admin/backup/sqlite').flush(new Blob([JSON.stringify(envelope)]), { status: 500, statusText: 'Internal Server Error' });
    await vi.waitFor(() => expect(text(element, '.backup-card .error-code')).toBe('BACKUP_FAILED'));
    await fixture.whenStable();
  });

  it('offers a viewer neither the backup nor the runtime diagnostics', async () => {
    const { fixture, element, loader, backend } = setUp('viewer');
    await vi.waitFor(() => {
      fixture.detectChanges();
      expect(text(element, '[data-metric="commandsFailed"]')).toBe('1');
    });
    expect(element.querySelector('.backup-card, .runtime-card')).toBeNull();
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: /backup|Save/ }))).toHaveLength(0);
    expect(text(element, '[data-metric="commandsFailed"]')).toBe('1');
    backend.verify();
  });
});
