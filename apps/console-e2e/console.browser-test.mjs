// The console in real headless Chromium against the real backend process and the real demo Capsule Service (SDK).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { desktopPage, launchChromium, signIn } from './support/browser.mjs';
import { DEMO_AGENT_CODE, DEMO_SECRET_VALUE, DEMO_SERVICE_CODE, startDemoService } from './support/demo-service.mjs';
import { ADMIN, adminSession, startOpstage } from './support/opstage-process.mjs';

const VIEWER = { username: 'viewer-vera', password: 'viewer-password-123' };

let opstage;
let demo;
let browser;
let page;
let admin;
const pageErrors = [];

before(async () => {
  // A 5 s heartbeat so the demo's health and a re-enabled agent show up quickly.
  opstage = await startOpstage({ env: { OPSTAGE_HEARTBEAT_INTERVAL_SECONDS: '5' } });
  admin = await adminSession(opstage.baseUrl);
  demo = await startDemoService({ baseUrl: opstage.baseUrl, admin });
  await admin.post('/api/admin/users', { username: VIEWER.username, password: VIEWER.password, role: 'viewer' });
  browser = await launchChromium();
  ({ page } = await desktopPage(browser, { pageErrors, acceptDownloads: true }));
});

after(async () => {
  await browser?.close();
  await demo?.stop();
  await opstage?.stop();
});

async function openService() {
  await page.goto(`${opstage.baseUrl}/services/${demo.serviceId}`);
  await page.getByRole('tab', { name: 'Actions' }).click();
}

/** Opens an action's panel (prepare runs first) and returns it. */
async function openAction(name) {
  await openService();
  const panel = page.locator(`[data-action="${name}"]`);
  await panel.locator('.open-action').click();
  await panel.locator('.run-action').waitFor();
  return panel;
}

const commandsOf = async (actionName) => (await admin.get(`/api/admin/commands?actionName=${actionName}&type=ACTION_EXECUTE&pageSize=100`)).data;
const cellTexts = async (locator) => (await locator.allTextContents()).map((text) => text.replace('content_copy', '').trim());

describe('console', { concurrency: false }, () => {
  it('shows the server error code for a wrong password, then signs in', async () => {
    await page.goto(`${opstage.baseUrl}/`);
    await page.waitForURL(/\/login/);
    await page.locator('input[name="username"]').fill(ADMIN.username);
    await page.locator('input[name="password"]').fill('definitely-not-the-password');
    await page.locator('button[type="submit"]').click();
    await page.locator('.error-code').waitFor();
    assert.equal(await page.locator('.error-code').textContent(), 'UNAUTHORIZED');
    await page.locator('input[name="password"]').fill(ADMIN.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/dashboard$/);
    await page.locator('[data-card="Capsule services"] [data-count="HEALTHY"]').waitFor();
    assert.equal((await page.locator('[data-card="Capsule services"] [data-count="HEALTHY"]').textContent()).trim(), '1');
    await page.locator('.troubled-services').getByText('Every service is healthy or unknown.').waitFor();
  });

  it('lists the demo service as HEALTHY and shows its masked configuration', async () => {
    await page.locator('[data-nav="/services"]').click();
    const row = page.locator('tr', { hasText: DEMO_SERVICE_CODE });
    await row.waitFor();
    assert.equal(await row.locator('ops-status-chip').first().locator('[data-status]').getAttribute('data-status'), 'HEALTHY');
    await row.getByRole('link', { name: DEMO_SERVICE_CODE }).click();
    await page.getByRole('tab', { name: 'Configs' }).click();
    const secret = page.locator('.config-value[data-key="demo.api.secret"]');
    await secret.waitFor();
    assert.equal((await secret.textContent()).trim(), 'env:DEMO_API_SECRET');
    assert.equal(await page.getByText(DEMO_SECRET_VALUE).count(), 0);
    assert.equal((await page.locator('.config-value[data-key="demo.widget.theme"]').textContent()).trim(), 'light');
  });

  it('shows the demo’s v0.3 metadata: capabilities, published events with their payload schema, permissions with their actions', async () => {
    const declared = (await admin.get(`/api/admin/capsule-services/${demo.serviceId}`)).data;
    const orderCreated = declared.events.published.find((e) => e.type === 'order.created');
    assert.ok(orderCreated?.payloadSchema, 'the demo declares a payload schema for order.created');
    await page.goto(`${opstage.baseUrl}/services/${demo.serviceId}`);
    await page.getByRole('tab', { name: 'Capabilities & events' }).click();
    await page.locator('.capability').first().waitFor();
    assert.deepEqual(await cellTexts(page.locator('.capability > .mono')), declared.capabilities.map((c) => c.code));
    assert.ok(declared.capabilities.some((c) => c.code === 'demo.orders'));
    assert.deepEqual(await cellTexts(page.locator('.events-published .event-type')), declared.events.published.map((e) => e.type));
    const created = page.locator('.events-published [data-event-type="order.created"]');
    assert.match(await created.locator('.event-head').textContent(), /A customer placed an order\./);
    // The schema starts folded and unfolds as JSON: the one the bus checks order.created payloads against.
    const schema = created.locator('pre.payload-schema');
    assert.equal(await schema.isVisible(), false);
    assert.equal((await created.locator('.schema-shape').textContent()).trim(), '(fields: 3, required: 3)');
    await created.locator('summary').click();
    await schema.waitFor({ state: 'visible' });
    assert.deepEqual(JSON.parse(await schema.textContent()), orderCreated.payloadSchema);
    await page.locator('.events-published [data-event-type="loop.ping"] .no-schema').waitFor();
    assert.equal(await page.locator('.events-consumed .event').count(), 0);
    await page.locator('.events-consumed').getByText('None declared.').waitFor();
    const permission = page.locator('[data-permission="orders.create"]');
    assert.equal(await permission.locator('[data-status]').getAttribute('data-status'), 'LOW');
    assert.equal((await permission.locator('[data-action-name="createOrder"]').textContent()).replace(/\s+/g, ' ').trim(), 'Create order createOrder');
    assert.equal(await permission.locator('.undeclared').count(), 0, 'every action the permission covers is one the demo declares');
  });

  it('charts the demo’s health over time above the history table, and extends the chart live', async () => {
    await page.goto(`${opstage.baseUrl}/services/${demo.serviceId}`);
    await page.evaluate(() => (window.notReloaded = true));
    await page.getByRole('tab', { name: 'Health' }).click();
    const band = page.locator('ops-health-timeline rect[data-status="UP"]');
    await band.waitFor();
    // The demo is UP at every 5 s heartbeat: one band, no gap, from its first report to now.
    assert.equal(await page.locator('ops-health-timeline rect').count(), 1);
    assert.match(await page.locator('ops-health-timeline svg').getAttribute('aria-label'), /^Health from .+ to .+: UP 100%$/);
    const reportsInBand = async () => Number(/(\d+) reports?/.exec(await band.locator('title').textContent())?.[1]);
    const charted = await reportsInBand();
    const history = await admin.get(`/api/admin/capsule-services/${demo.serviceId}/health/history?pageSize=1`);
    assert.ok(charted >= 1 && charted <= history.pagination.total, `${charted} charted of ${history.pagination.total}`);
    assert.match(await band.locator('title').textContent(), /^UP · .+ – .+ · \d+ reports? · demo is serving$/);
    // The next heartbeat with health reaches the page over the live stream and the band takes it in.
    await page.waitForFunction((n) => Number(/(\d+) reports?/.exec(document.querySelector('ops-health-timeline rect[data-status="UP"] title')?.textContent ?? '')?.[1]) > n, charted, { timeout: 15_000 });
    assert.equal(await page.evaluate(() => window.notReloaded), true);
    assert.ok((await page.locator('table tbody tr').count()) > 0, 'the history table is still there below');
  });

  it('runs an action through its generated form and shows the result table', async () => {
    const panel = await openAction('listItems');
    // The enum field starts at the schema default.
    await panel.locator('[data-field="status"] mat-select', { hasText: 'All' }).waitFor();
    await panel.locator('[data-field="status"] mat-select').click();
    await page.getByRole('option', { name: 'Active' }).click();
    await panel.locator('.run-action').click();
    await panel.locator('[data-command-status="SUCCEEDED"]').waitFor();
    assert.deepEqual(await cellTexts(panel.locator('.result-table td[data-column="name"]')), ['invoices-sync', 'crm-bridge', 'nightly-report']);
    assert.equal((await panel.locator('.result-table td[data-column="sizeBytes"]').first().textContent()).trim(), '1.0 KiB');
    assert.deepEqual((await commandsOf('listItems'))[0].payload, { status: 'ACTIVE' });
  });

  it('fills every field type of a generated form: defaults, required, enum, password, textarea, array, nested object', async () => {
    const panel = await openAction('echo');
    const field = (name) => panel.locator(`[data-field="${name}"]`);
    // Defaults from the schema, nested ones too.
    assert.equal(await field('message').locator('input').inputValue(), 'hello');
    assert.equal(await field('repeat').locator('input').inputValue(), '1');
    assert.equal(await field('host').locator('input').inputValue(), 'localhost');
    assert.equal(await field('port').locator('input').inputValue(), '8080');
    await field('tone').locator('mat-select', { hasText: 'Plain' }).waitFor();
    // Validation messages: a required field and a minimum.
    await field('message').locator('input').fill('');
    await field('repeat').locator('input').fill('0');
    await panel.locator('.run-action').click();
    await field('message').getByText('Required').waitFor();
    await field('repeat').getByText('Must be at least 1').waitFor();
    await field('message').locator('input').fill('hello console');
    await field('repeat').locator('input').fill('2');
    await field('loud').locator('input[type="checkbox"]').check();
    await field('tone').locator('mat-select').click();
    await page.getByRole('option', { name: 'Friendly' }).click();
    assert.equal(await field('secret').locator('input').getAttribute('type'), 'password');
    await field('secret').locator('input').fill('open-sesame');
    await field('notes').locator('textarea').fill('line one\nline two');
    await field('tags').locator('.add-item').click();
    await field('tags').locator('.add-item').click();
    await field('tags').locator('.array-item input').nth(0).fill('blue');
    await field('tags').locator('.array-item input').nth(1).fill('green');
    await field('host').locator('input').fill('db.internal');
    const before = (await commandsOf('echo')).length;
    await panel.locator('.run-action').click();
    await panel.locator('[data-command-status="SUCCEEDED"]').waitFor();
    const [command] = await commandsOf('echo');
    assert.equal((await commandsOf('echo')).length, before + 1, 'the invalid submit created no command');
    // The secret is stored redacted, reached the demo unsealed (it echoes its length) and is never shown.
    assert.deepEqual(command.payload, { message: 'hello console', repeat: 2, loud: true, tone: 'friendly', secret: '[REDACTED]', notes: 'line one\nline two', tags: ['blue', 'green'], target: { host: 'db.internal', port: 8080 } });
    const raw = await panel.locator('.raw-result').textContent();
    assert.match(raw, /"secretLength": 11/);
    assert.ok(!raw.includes('open-sesame'));
  });

  it('opens a prepared form with its dynamic fields and initial payload', async () => {
    const panel = await openAction('configureWidget');
    // prepare turns the free-text theme into an enum and starts from the current settings.
    await panel.locator('[data-field="theme"] mat-select', { hasText: 'Light' }).waitFor();
    assert.equal(await panel.locator('[data-field="refreshSeconds"] input').inputValue(), '30');
    await panel.locator('[data-field="theme"] mat-select').click();
    await page.getByRole('option', { name: 'High contrast' }).click();
    await panel.locator('.run-action').click();
    await panel.locator('[data-command-status="SUCCEEDED"]').waitFor();
    assert.match(await panel.locator('.raw-result').textContent(), /"theme": "contrast"/);
  });

  it('asks for confirmation before a HIGH-danger action and runs it only when confirmed', async () => {
    const panel = await openAction('purgeCache');
    await panel.locator('.run-action').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /HIGH/);
    assert.match(await dialog.textContent(), /purgeCache/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await commandsOf('purgeCache')).length, 0, 'cancelling the dialog created no command');
    await panel.locator('.run-action').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Run' }).click();
    await panel.locator('[data-command-status="SUCCEEDED"]').waitFor();
    assert.match(await panel.locator('.raw-result').textContent(), /"purged": 42/);
    const [command] = await commandsOf('purgeCache');
    assert.equal((await demo.status()).executions[command.id], 1);
  });

  it('runs a row action from a table result with confirmation, then re-runs the list', async () => {
    const panel = await openAction('listItems');
    await panel.locator('[data-field="status"] mat-select').click();
    await page.getByRole('option', { name: 'Active' }).click();
    await panel.locator('.run-action').click();
    await panel.locator('[data-command-status="SUCCEEDED"]').waitFor();
    const firstListId = (await panel.locator('.command-line a').textContent()).trim();
    await panel.locator('.result-table tr', { hasText: 'crm-bridge' }).getByRole('button', { name: 'Archive' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /"id":"item-2"/);
    await dialog.getByRole('button', { name: 'Run' }).click();
    await page.waitForFunction((id) => {
      const link = document.querySelector('[data-action="listItems"] .command-line a');
      return link && link.textContent.trim() !== id && document.querySelector('[data-action="listItems"] [data-command-status="SUCCEEDED"]');
    }, firstListId);
    await page.waitForFunction(() => document.querySelectorAll('[data-action="listItems"] .result-table td[data-column="name"]').length === 2);
    assert.deepEqual(await cellTexts(panel.locator('.result-table td[data-column="name"]')), ['invoices-sync', 'nightly-report']);
    assert.deepEqual((await commandsOf('archiveItem'))[0].payload, { id: 'item-2' });
  });

  it('shows a generated key once', async () => {
    const panel = await openAction('generateApiKey');
    await panel.locator('.run-action').click();
    const key = panel.locator('.generated-key');
    await key.waitFor();
    const value = (await key.textContent()).trim();
    assert.match(value, /^demo_[A-Za-z0-9_-]{32}$/);
    const commandId = (await panel.locator('.command-line a').textContent()).trim();
    const again = await admin.get(`/api/admin/commands/${commandId}`);
    assert.equal(again.data.result.data.generatedKey, '[REDACTED]');
  });

  it('shows the slow action running with the service’s live operation banner, and cancels it; the handler stops and the banner goes', async () => {
    const panel = await openAction('slowTask');
    const abortedBefore = (await demo.status()).abortedHandlers;
    await page.evaluate(() => (window.notReloaded = true));
    const banner = page.locator('ops-operation-status .operation');
    assert.equal(await banner.count(), 0, 'no operation runs before the action');
    await panel.locator('.run-action').click();
    await panel.locator('[data-command-status="RUNNING"]').waitFor();
    assert.equal(await panel.locator('mat-progress-bar').count(), 1);
    const commandId = (await panel.locator('.command-line a').textContent()).trim();
    // The demo reports the work in its health details; the SDK sends that health at once and the page hears of it live.
    await banner.waitFor();
    assert.equal(await banner.getAttribute('data-operation-status'), 'RUNNING');
    assert.equal((await banner.locator('.operation-name').textContent()).trim(), 'slowTask');
    const firstMessage = (await banner.locator('.operation-message').textContent()).trim();
    assert.match(firstMessage, /^\d+ of 20 s done$/);
    // Its progress rides the next heartbeats (every 5 s here).
    await page.waitForFunction((first) => {
      const text = document.querySelector('ops-operation-status .operation-message')?.textContent?.trim() ?? '';
      return /^\d+ of 20 s done$/.test(text) && text !== first;
    }, firstMessage, { timeout: 15_000 });
    await panel.locator('.cancel-command').click();
    await panel.locator('[data-command-status="CANCELLED"]').waitFor();
    const command = await admin.get(`/api/admin/commands/${commandId}`);
    assert.equal(command.data.status, 'CANCELLED');
    // The demo learns of the cancel on its next poll and its handler stops on the abort signal.
    const deadline = Date.now() + 15_000;
    while ((await demo.status()).abortedHandlers === abortedBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal((await demo.status()).abortedHandlers, abortedBefore + 1, 'the demo handler was aborted');
    // Its health without the operation follows at once, and the banner goes without a reload.
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await page.evaluate(() => window.notReloaded), true);
    const health = (await admin.get(`/api/admin/capsule-services/${demo.serviceId}`)).data.health;
    assert.equal(health.details.operationStatus, undefined);
    await page.getByRole('tab', { name: 'Commands' }).click();
    await page.locator('.service-commands tr', { hasText: 'slowTask' }).locator('[data-status="CANCELLED"]').waitFor();
  });

  it('shows the service’s audit trail in its Audit tab, and opens it in the audit page with filters', async () => {
    await page.goto(`${opstage.baseUrl}/services/${demo.serviceId}`);
    await page.getByRole('tab', { name: 'Audit' }).click();
    const [purge] = await commandsOf('purgeCache');
    await page.locator(`.service-audit a.audit-command[href="/commands/${purge.id}"]`, { hasText: 'purgeCache' }).waitFor();
    const expected = await admin.get(`/api/admin/audit-events?targetType=CapsuleService&targetId=${demo.serviceId}&pageSize=10`);
    assert.deepEqual((await page.locator('.service-audit .audit-action').allTextContents()).map((a) => a.trim()), expected.data.map((e) => e.action));
    await page.locator('.all-audit').click();
    await page.waitForURL((url) => url.pathname === '/audit' && url.searchParams.get('targetId') === demo.serviceId);
    assert.equal(await page.locator('input[name="targetId"]').inputValue(), demo.serviceId);
    await page.locator('.audit-table tbody tr').first().waitFor();
    assert.equal(await page.locator('.audit-table tbody tr').count(), Math.min(expected.pagination.total, 20));
  });

  it('keeps list filters in the URL: a reload and Back keep them', async () => {
    await page.goto(`${opstage.baseUrl}/commands`);
    await page.locator('table tbody tr').first().waitFor();
    const actionCells = () => page.locator('td.mat-column-actionName').allTextContents().then((cells) => cells.map((c) => c.trim()));
    await page.locator('[data-filter="service"] mat-select').click();
    await page.getByRole('option', { name: DEMO_SERVICE_CODE }).click();
    await page.waitForURL((url) => url.searchParams.get('serviceId') === demo.serviceId);
    await page.locator('input[name="actionName"]').fill('slowTask');
    await page.locator('input[name="actionName"]').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('actionName') === 'slowTask');
    await page.waitForFunction(() => [...document.querySelectorAll('td.mat-column-actionName')].every((td) => td.textContent.trim() === 'slowTask'));
    await page.reload();
    await page.locator('table tbody tr').first().waitFor();
    assert.equal(await page.locator('input[name="actionName"]').inputValue(), 'slowTask');
    await page.locator('[data-filter="service"] mat-select', { hasText: DEMO_SERVICE_CODE }).waitFor();
    assert.ok((await actionCells()).every((a) => a === 'slowTask'));
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('actionName') && url.searchParams.get('serviceId') === demo.serviceId);
    await page.waitForFunction(() => [...document.querySelectorAll('td.mat-column-actionName')].some((td) => td.textContent.trim() !== 'slowTask'));
    assert.equal(await page.locator('input[name="actionName"]').inputValue(), '');
  });

  it('creates a registration token and shows the raw token only once', async () => {
    await page.locator('[data-nav="/registration-tokens"]').click();
    await page.locator('input[name="tokenName"]').fill('laptop token');
    await page.locator('.create-token').click();
    const raw = page.locator('.raw-token');
    await raw.waitFor();
    const token = (await raw.textContent()).trim();
    assert.match(token, /^opstage_reg_/);
    assert.equal((await page.locator('.env-snippet').textContent()).trim(), `OPSTAGE_BACKEND_URL=${opstage.baseUrl} OPSTAGE_REGISTRATION_TOKEN=${token}`);
    await page.locator('.tokens-table').getByText('laptop token').waitFor();
    assert.equal(await page.locator('mat-error').count(), 0, 'the emptied form shows no validation errors');
    await page.reload();
    await page.locator('.tokens-table').getByText('laptop token').waitFor();
    assert.equal(await page.locator('.raw-token').count(), 0);
    assert.equal(await page.getByText(token).count(), 0);
    const row = page.locator('.tokens-table tr', { hasText: 'laptop token' });
    assert.equal(await row.locator('.delete-token').count(), 0, 'an ACTIVE token cannot be deleted');
    await row.locator('.revoke-token').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await row.locator('[data-status="REVOKED"]').waitFor();
    await row.locator('.delete-token').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    const remaining = await admin.get('/api/admin/registration-tokens');
    assert.ok(!remaining.data.some((t) => t.name === 'laptop token'));
  });

  it('filters the audit log and exports what the filter shows', async () => {
    await page.locator('[data-nav="/audit"]').click();
    await page.locator('.audit-table tbody tr').first().waitFor();
    await page.locator('input[name="action"]').fill('registration_token.');
    await page.locator('.apply-filters').click();
    await page.waitForFunction(() => [...document.querySelectorAll('.audit-action')].every((cell) => cell.textContent.trim().startsWith('registration_token.')));
    const actions = (await page.locator('.audit-action').allTextContents()).map((a) => a.trim());
    assert.ok(actions.includes('registration_token.created'), actions.join(','));
    assert.ok(actions.every((a) => a.startsWith('registration_token.')));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.export-csv').click()]);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    assert.ok(lines.length - 1 >= actions.length, `csv has ${lines.length - 1} rows`);
    assert.ok(lines.slice(1).every((line) => line.includes('registration_token.')), 'every exported row matches the filter');
    assert.ok(!csv.includes('command.created'));
    // The filter is in the URL: a reload shows the same rows and the same form.
    await page.reload();
    await page.locator('.audit-table tbody tr').first().waitFor();
    assert.equal(await page.locator('input[name="action"]').inputValue(), 'registration_token.');
    assert.deepEqual((await page.locator('.audit-action').allTextContents()).map((a) => a.trim()), actions);
  });

  it('retries a cancelled command from its detail page', async () => {
    const cancelled = (await admin.get('/api/admin/commands?status=CANCELLED&type=ACTION_EXECUTE')).data[0];
    await page.goto(`${opstage.baseUrl}/commands/${cancelled.id}`);
    await page.locator('.command-status [data-status="CANCELLED"]').waitFor();
    await page.locator('.retry-command').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Retry' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/commands/') && !url.pathname.endsWith(cancelled.id));
    const retryId = new URL(page.url()).pathname.split('/').pop();
    await page.locator('.command-status [data-status="RUNNING"]').waitFor();
    assert.equal((await admin.get(`/api/admin/commands/${retryId}`)).data.retryOfCommandId, cancelled.id);
    // Cancel from the detail page too, so the slow handler stops.
    await page.locator('.cancel-command').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel command' }).click();
    await page.locator('.command-status [data-status="CANCELLED"]').waitFor();
  });

  it('keeps the dashboard live: a command queued elsewhere shows up without a reload', async () => {
    await page.goto(`${opstage.baseUrl}/dashboard`);
    await page.locator('[data-live="true"]').waitFor();
    const before = await page.locator('.recent-commands li').allTextContents();
    const created = await admin.post(`/api/admin/capsule-services/${demo.serviceId}/actions/echo`, { payload: { message: 'from the API' } });
    await page.locator(`.recent-commands a[href="/commands/${created.data.id}"]`).waitFor();
    assert.notDeepEqual(await page.locator('.recent-commands li').allTextContents(), before);
  });

  it('filters the audit log by time range', async () => {
    await page.goto(`${opstage.baseUrl}/audit`);
    await page.locator('.audit-table tbody tr').first().waitFor();
    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.locator('input[name="from"]').fill(local);
    await page.locator('.apply-filters').click();
    await page.getByText('No audit events match.').waitFor();
    assert.equal(await page.locator('.audit-table tbody tr').count(), 0);
  });

  it('disables and re-enables the agent after confirmation', async () => {
    await page.goto(`${opstage.baseUrl}/agents`);
    await page.locator('table').getByRole('link', { name: DEMO_AGENT_CODE }).click();
    await page.locator('.disable-agent').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
    await page.locator('dl.kv [data-status="DISABLED"]').waitFor();
    assert.equal((await admin.get(`/api/admin/agents/${demo.agentId}`)).data.status, 'DISABLED');
    assert.ok((await page.locator('.recent-commands a').allTextContents()).includes('echo'), 'the echo queued by the dashboard test is among the agent’s recent commands');
    await page.locator('.enable-agent').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Enable' }).click();
    await page.locator('dl.kv [data-status="DISABLED"]').waitFor({ state: 'detached' });
    assert.notEqual((await admin.get(`/api/admin/agents/${demo.agentId}`)).data.status, 'DISABLED');
    // Its commands, on the commands page filtered by this agent.
    await page.locator('.all-commands').click();
    await page.waitForURL((url) => url.pathname === '/commands' && url.searchParams.get('agentId') === demo.agentId);
    await page.locator('[data-filter="agent"] mat-select', { hasText: DEMO_AGENT_CODE }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
  });

  it('lets the owner create a user, change its role and disable it', async () => {
    await page.locator('[data-nav="/users"]').click();
    await page.locator('input[name="newUsername"]').fill('otto');
    await page.locator('input[name="newUserPassword"]').fill('otto-password-123');
    await page.locator('.create-user').click();
    const row = page.locator('.users-table tr', { hasText: 'otto' });
    await row.waitFor();
    await row.locator('mat-select').click();
    await page.getByRole('option', { name: 'operator' }).click();
    await row.locator('mat-select', { hasText: 'operator' }).waitFor();
    const otto = () => admin.get('/api/admin/users?q=otto').then((r) => r.data.find((u) => u.username === 'otto'));
    assert.equal((await otto()).role, 'operator');
    await row.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
    await row.locator('[data-status="DISABLED"]').waitFor();
    assert.equal((await otto()).status, 'DISABLED');
  });

  it('saves maintenance settings', async () => {
    await page.locator('[data-nav="/settings"]').click();
    const retention = page.locator('input[name="auditRetentionDays"]');
    await page.locator('.save-settings').waitFor();
    await page.waitForFunction(() => document.querySelector('input[name="auditRetentionDays"]').value !== '0');
    await retention.fill('45');
    await page.locator('.save-settings').click();
    await page.getByText('Settings saved.').waitFor();
    assert.equal((await admin.get('/api/admin/settings/maintenance')).data.auditRetentionDays, 45);
  });

  it('shows the runtime and a metrics summary on the settings page, and downloads a backup', async () => {
    await page.locator('[data-nav="/settings"]').click();
    const node = page.locator('[data-fact="node"]');
    await node.waitFor();
    assert.match((await node.textContent()).trim(), /^v24\./);
    assert.equal((await page.locator('[data-fact="bus"]').textContent()).trim(), 'Disabled');
    const dispatched = Number((await page.locator('[data-metric="commandsDispatched"]').textContent()).trim());
    assert.ok(dispatched > 0, `commands dispatched: ${dispatched}`);
    assert.equal(await page.locator('a.metrics-link').getAttribute('href'), '/metrics');
    assert.match(await (await fetch(`${opstage.baseUrl}/metrics`)).text(), /opstage_commands/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.download-backup').click()]);
    assert.match(download.suggestedFilename(), /^opstage-[0-9TZ-]+\.db$/);
    const file = await readFile(await download.path());
    assert.equal(file.subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
    await page.locator('.backup-taken').waitFor();
  });

  it('shows a viewer no mutating controls', async () => {
    const { context: viewerContext, page: viewerPage } = await desktopPage(browser, { pageErrors });
    try {
      await signIn(viewerPage, opstage.baseUrl, VIEWER);
      assert.equal(await viewerPage.locator('[data-nav="/users"]').count(), 0);
      assert.equal(await viewerPage.locator('[data-nav="/services"]').count(), 1);
      await viewerPage.goto(`${opstage.baseUrl}/services/${demo.serviceId}`);
      await viewerPage.getByRole('tab', { name: 'Actions' }).click();
      await viewerPage.locator('.viewer-note').waitFor();
      assert.equal(await viewerPage.locator('.run-action, .open-action').count(), 0);
      const declared = (await admin.get(`/api/admin/capsule-services/${demo.serviceId}`)).data.actions;
      assert.ok(declared.length > 0);
      assert.equal(await viewerPage.locator('.action-readonly').count(), declared.length);
      await viewerPage.goto(`${opstage.baseUrl}/registration-tokens`);
      await viewerPage.locator('.tokens-table').waitFor();
      assert.equal(await viewerPage.locator('.create-token, .revoke-token, .delete-token').count(), 0);
      await viewerPage.goto(`${opstage.baseUrl}/audit`);
      await viewerPage.locator('.audit-table').waitFor();
      assert.equal(await viewerPage.locator('.export-csv, .export-json').count(), 0);
      await viewerPage.goto(`${opstage.baseUrl}/agents/${demo.agentId}`);
      await viewerPage.locator('dl.kv').waitFor();
      assert.equal(await viewerPage.locator('.disable-agent, .revoke-agent, .enable-agent').count(), 0);
      await viewerPage.goto(`${opstage.baseUrl}/settings`);
      await viewerPage.locator('.metrics-summary').waitFor();
      assert.equal(await viewerPage.locator('.download-backup, .save-settings, .run-maintenance, .runtime-card').count(), 0);
      await viewerPage.goto(`${opstage.baseUrl}/users`);
      await viewerPage.waitForURL(/\/dashboard$/);
    } finally {
      await viewerContext.close();
    }
  });

  it('switches to dark mode and to 中文, and remembers both', async () => {
    await page.goto(`${opstage.baseUrl}/dashboard`);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.locator('.theme-toggle').click();
    // The class is applied by an effect after the click's change detection: wait for it (times out if it never comes).
    await page.waitForFunction(() => document.documentElement.classList.contains('dark-theme'), undefined, { timeout: 5000 });
    await page.waitForFunction((before) => getComputedStyle(document.body).backgroundColor !== before, light, { timeout: 5000 });
    assert.notEqual(await background(), light);
    const fontFiles = [];
    page.on('response', (response) => {
      if (/\/media\/noto-sans-sc-.*\.woff2$/.test(new URL(response.url()).pathname)) fontFiles.push(response.status());
    });
    await page.locator('.language-menu').click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await page.locator('[data-nav="/dashboard"]', { hasText: '仪表盘' }).waitFor();
    // The bundled Noto Sans SC draws the Chinese text (this Chromium has no CJK system font), served by Opstage itself.
    const faces = await page.evaluate(async () => (await document.fonts.load('16px "Noto Sans SC"', '仪表盘')).map((face) => `${face.family} ${face.status}`));
    assert.ok(faces.length > 0 && faces.every((face) => face === '"Noto Sans SC" loaded' || face === 'Noto Sans SC loaded'), faces.join(', '));
    assert.ok(fontFiles.length > 0 && fontFiles.every((status) => status === 200), `font files: ${fontFiles.join(',')}`);
    assert.match(await page.locator('[data-nav="/dashboard"]').evaluate((el) => getComputedStyle(el).fontFamily), /Noto Sans SC/);
    await page.reload();
    await page.locator('[data-nav="/services"]', { hasText: '服务' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark-theme')), true);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  });

  it('raised no uncaught errors in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
