// The console in real headless Chromium against the real backend process and a real loopback agent.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { launchChromium, signIn } from './support/browser.mjs';
import { startLoopbackAgent, SERVICE_CODE } from './support/loopback-agent.mjs';
import { ADMIN, adminSession, startOpstage } from './support/opstage-process.mjs';

const VIEWER = { username: 'viewer-vera', password: 'viewer-password-123' };

let opstage;
let agent;
let browser;
let context;
let page;
let admin;
const pageErrors = [];

before(async () => {
  opstage = await startOpstage();
  admin = await adminSession(opstage.baseUrl);
  const token = await admin.post('/api/admin/registration-tokens', { name: 'agent for browser tests', expiresInSeconds: 3600 });
  agent = await startLoopbackAgent({ baseUrl: opstage.baseUrl, registrationToken: token.data.rawToken });
  await admin.post('/api/admin/users', { username: VIEWER.username, password: VIEWER.password, role: 'viewer' });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 850 }, acceptDownloads: true, locale: 'en-GB' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
});

after(async () => {
  await browser?.close();
  await agent?.stop();
  await opstage?.stop();
});

async function openService() {
  await page.goto(`${opstage.baseUrl}/services/${agent.serviceId}`);
  await page.getByRole('tab', { name: 'Actions' }).click();
}

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

  it('lists the service as HEALTHY and shows its masked configuration', async () => {
    await page.locator('[data-nav="/services"]').click();
    const row = page.locator('tr', { hasText: SERVICE_CODE });
    await row.waitFor();
    assert.equal(await row.locator('ops-status-chip').first().locator('[data-status]').getAttribute('data-status'), 'HEALTHY');
    await row.getByRole('link', { name: SERVICE_CODE }).click();
    await page.getByRole('tab', { name: 'Configs' }).click();
    const secret = page.locator('.config-value[data-key="demo.apiToken"]');
    await secret.waitFor();
    assert.equal((await secret.textContent()).trim(), 'env:DEMO_API_TOKEN');
    assert.equal(await page.getByText('should-never-show').count(), 0);
    assert.equal((await page.locator('.config-value[data-key="demo.greeting"]').textContent()).trim(), 'hello');
  });

  it('runs an action through its prepared, generated form and shows the result table', async () => {
    await openService();
    const panel = page.locator('[data-action="listItems"]');
    await panel.locator('.open-action').click();
    // initialPayload from the prepare phase (limit 5, not the schema default 10) and a dynamic enum field.
    const limit = panel.locator('[data-field="limit"] input');
    await limit.waitFor();
    assert.equal(await limit.inputValue(), '5');
    await limit.fill('0');
    await panel.locator('.run-action').click();
    await panel.getByText('Must be at least 1').waitFor();
    await limit.fill('5');
    await panel.locator('[data-field="status"] mat-select').click();
    await page.getByRole('option', { name: 'Only active' }).click();
    await panel.locator('.run-action').click();
    await panel.locator('[data-command-status="SUCCEEDED"]').waitFor();
    const names = await panel.locator('.result-table td[data-column="name"]').allTextContents();
    assert.deepEqual(names.map((n) => n.replace('content_copy', '').trim()), ['alpha', 'gamma']);
    assert.equal((await panel.locator('.result-table td[data-column="size"]').first().textContent()).trim(), '2.0 KiB');
    const executed = agent.log.filter((entry) => entry.actionName === 'listItems' && entry.type === 'ACTION_EXECUTE');
    assert.deepEqual(executed.at(-1).payload, { limit: 5, status: 'ACTIVE' });
  });

  it('asks for confirmation before a HIGH-danger action and runs it only when confirmed', async () => {
    await openService();
    const panel = page.locator('[data-action="deleteItem"]');
    await panel.locator('.open-action').click();
    await panel.locator('[data-field="name"] input').fill('gamma');
    const before = agent.log.length;
    await panel.locator('.run-action').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /HIGH/);
    assert.match(await dialog.textContent(), /"name":"gamma"/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(agent.log.filter((e, i) => i >= before && e.actionName === 'deleteItem' && e.type === 'ACTION_EXECUTE').length, 0);
    await panel.locator('.run-action').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Run' }).click();
    await panel.locator('[data-command-status="SUCCEEDED"]').waitFor();
    await panel.locator('.result-detail').getByText('gamma').waitFor();
    assert.deepEqual(agent.items.map((item) => item.name), ['alpha', 'beta']);
  });

  it('runs a row action from a table result with confirmation, then re-runs the list', async () => {
    await openService();
    const panel = page.locator('[data-action="listItems"]');
    await panel.locator('.open-action').click();
    await panel.locator('[data-field="limit"] input').waitFor();
    await panel.locator('.run-action').click();
    await panel.locator('[data-command-status="SUCCEEDED"]').waitFor();
    const firstListId = (await panel.locator('.command-line a').textContent()).trim();
    await panel.locator('.result-table tr', { hasText: 'beta' }).getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /"name":"beta"/);
    await dialog.getByRole('button', { name: 'Run' }).click();
    await page.waitForFunction((id) => {
      const link = document.querySelector('[data-action="listItems"] .command-line a');
      return link && link.textContent.trim() !== id && document.querySelector('[data-action="listItems"] [data-command-status="SUCCEEDED"]');
    }, firstListId);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-action="listItems"] .result-table td[data-column="name"]')].length === 1);
    const names = await panel.locator('.result-table td[data-column="name"]').allTextContents();
    assert.deepEqual(names.map((n) => n.replace('content_copy', '').trim()), ['alpha']);
    assert.deepEqual(agent.items.map((item) => item.name), ['alpha']);
  });

  it('shows a generated key once', async () => {
    await openService();
    const panel = page.locator('[data-action="createApiKey"]');
    await panel.locator('.open-action').click();
    await panel.locator('[data-field="label"] input').fill('ci');
    await panel.locator('.run-action').click();
    const key = panel.locator('.generated-key');
    await key.waitFor();
    const value = (await key.textContent()).trim();
    assert.match(value, /^demo_key_[0-9a-f]{24}$/);
    const commandId = (await panel.locator('.command-line a').textContent()).trim();
    const again = await admin.get(`/api/admin/commands/${commandId}`);
    assert.equal(again.data.result.data.generatedKey, '[REDACTED]');
  });

  it('shows a slow action running and cancels it', async () => {
    await openService();
    const panel = page.locator('[data-action="slowRebuild"]');
    await panel.locator('.open-action').click();
    await panel.locator('.run-action').click();
    await panel.locator('[data-command-status="RUNNING"]').waitFor();
    assert.equal(await panel.locator('mat-progress-bar').count(), 1);
    const commandId = (await panel.locator('.command-line a').textContent()).trim();
    await panel.locator('.cancel-command').click();
    await panel.locator('[data-command-status="CANCELLED"]').waitFor();
    const command = await admin.get(`/api/admin/commands/${commandId}`);
    assert.equal(command.data.status, 'CANCELLED');
    // The agent learns of the cancel on its next poll and stops the handler.
    const deadline = Date.now() + 10_000;
    while (!agent.cancelled.has(commandId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(agent.cancelled.has(commandId), 'agent was told about the cancel');
    await page.getByRole('tab', { name: 'Commands' }).click();
    await page.locator('.service-commands tr', { hasText: 'slowRebuild' }).locator('[data-status="CANCELLED"]').waitFor();
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
    const created = await admin.post(`/api/admin/capsule-services/${agent.serviceId}/actions/echo`, { payload: { message: 'from the API' } });
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
    await page.locator('table').getByRole('link', { name: 'browser-agent' }).click();
    await page.locator('.disable-agent').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
    await page.locator('dl.kv [data-status="DISABLED"]').waitFor();
    assert.equal((await admin.get(`/api/admin/agents/${agent.agentId}`)).data.status, 'DISABLED');
    assert.ok((await page.locator('.recent-commands a').allTextContents()).includes('echo'), 'the echo queued by the dashboard test is among the agent’s recent commands');
    await page.locator('.enable-agent').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Enable' }).click();
    await page.locator('dl.kv [data-status="DISABLED"]').waitFor({ state: 'detached' });
    assert.notEqual((await admin.get(`/api/admin/agents/${agent.agentId}`)).data.status, 'DISABLED');
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

  it('shows a viewer no mutating controls', async () => {
    const viewerContext = await browser.newContext({ viewport: { width: 1366, height: 850 } });
    const viewerPage = await viewerContext.newPage();
    viewerPage.on('pageerror', (error) => pageErrors.push(String(error)));
    try {
      await signIn(viewerPage, opstage.baseUrl, VIEWER);
      assert.equal(await viewerPage.locator('[data-nav="/users"]').count(), 0);
      assert.equal(await viewerPage.locator('[data-nav="/services"]').count(), 1);
      await viewerPage.goto(`${opstage.baseUrl}/services/${agent.serviceId}`);
      await viewerPage.getByRole('tab', { name: 'Actions' }).click();
      await viewerPage.locator('.viewer-note').waitFor();
      assert.equal(await viewerPage.locator('.run-action, .open-action').count(), 0);
      assert.equal(await viewerPage.locator('.action-readonly').count(), 5);
      await viewerPage.goto(`${opstage.baseUrl}/registration-tokens`);
      await viewerPage.locator('.tokens-table').waitFor();
      assert.equal(await viewerPage.locator('.create-token, .revoke-token, .delete-token').count(), 0);
      await viewerPage.goto(`${opstage.baseUrl}/audit`);
      await viewerPage.locator('.audit-table').waitFor();
      assert.equal(await viewerPage.locator('.export-csv, .export-json').count(), 0);
      await viewerPage.goto(`${opstage.baseUrl}/agents/${agent.agentId}`);
      await viewerPage.locator('dl.kv').waitFor();
      assert.equal(await viewerPage.locator('.disable-agent, .revoke-agent, .enable-agent').count(), 0);
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
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark-theme')), true);
    assert.notEqual(await background(), light);
    await page.locator('.language-menu').click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await page.locator('[data-nav="/dashboard"]', { hasText: '仪表盘' }).waitFor();
    await page.reload();
    await page.locator('[data-nav="/services"]', { hasText: '服务' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark-theme')), true);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  });

  it('raised no uncaught errors in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
