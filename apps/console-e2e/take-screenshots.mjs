// `npm run screenshots`: a PNG of every console page in docs/screenshots/, taken in real Chromium against the real
// backend and the real demo Capsule Service (run `npm run build` first).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium, screenshotPage, signIn } from './support/browser.mjs';
import { startDemoService } from './support/demo-service.mjs';
import { ADMIN, adminSession, startOpstage } from './support/opstage-process.mjs';

const outDir = resolve(import.meta.dirname, '../../docs/screenshots');
mkdirSync(outDir, { recursive: true });

const opstage = await startOpstage();
let agent;
let browser;
try {
  const admin = await adminSession(opstage.baseUrl);
  agent = await startDemoService({ baseUrl: opstage.baseUrl, admin });
  await admin.post('/api/admin/registration-tokens', { name: 'spare token', expiresInSeconds: 86400 });
  await admin.post('/api/admin/users', { username: 'olga', password: 'operator-password-1', role: 'operator', displayName: 'Olga Operator' });
  const list = await admin.post(`/api/admin/capsule-services/${agent.serviceId}/actions/listItems`, { payload: { status: 'ALL' } });
  await waitTerminal(admin, list.data.id);

  browser = await launchChromium();
  const { page, shot } = await screenshotPage(browser, outDir);

  await page.goto(`${opstage.baseUrl}/login`);
  await page.locator('input[name="username"]').waitFor();
  await shot('login');
  await signIn(page, opstage.baseUrl, ADMIN);
  await page.locator('[data-card="Agents"]').waitFor();
  await shot('dashboard');
  await page.goto(`${opstage.baseUrl}/agents`);
  await page.locator('table tbody tr').first().waitFor();
  await shot('agents');
  await page.goto(`${opstage.baseUrl}/agents/${agent.agentId}`);
  await page.locator('dl.kv').waitFor();
  await shot('agent-detail');
  await page.goto(`${opstage.baseUrl}/services`);
  await page.locator('table tbody tr').first().waitFor();
  await shot('services');
  await page.goto(`${opstage.baseUrl}/services/${agent.serviceId}`);
  await page.locator('dl.kv').waitFor();
  await shot('service-overview');
  await page.getByRole('tab', { name: 'Actions' }).click();
  const panel = page.locator('[data-action="listItems"]');
  await panel.locator('.open-action').click();
  await panel.locator('[data-field="status"]').waitFor();
  await panel.locator('.run-action').click();
  await panel.locator('[data-command-status="SUCCEEDED"]').waitFor();
  await shot('service-actions');
  const echo = page.locator('[data-action="echo"]');
  await echo.locator('.open-action').click();
  await echo.locator('[data-field="message"] input').waitFor();
  await echo.scrollIntoViewIfNeeded();
  await shot('service-action-form');
  await page.getByRole('tab', { name: 'Capabilities & events' }).click();
  await page.locator('[data-event-type="order.created"] summary').click();
  await shot('service-metadata');
  await page.getByRole('tab', { name: 'Health' }).click();
  await page.locator('ops-health-timeline svg').waitFor();
  await shot('service-health');
  await page.getByRole('tab', { name: 'Configs' }).click();
  await shot('service-configs');
  await page.goto(`${opstage.baseUrl}/commands`);
  await page.locator('table tbody tr').first().waitFor();
  await shot('commands');
  await page.goto(`${opstage.baseUrl}/commands/${list.data.id}`);
  await page.locator('.command-status').waitFor();
  await shot('command-detail');
  await page.goto(`${opstage.baseUrl}/audit`);
  await page.locator('.audit-table tbody tr').first().waitFor();
  await shot('audit');
  await page.goto(`${opstage.baseUrl}/registration-tokens`);
  await page.locator('input[name="tokenName"]').fill('new laptop');
  await page.locator('.create-token').click();
  await page.locator('.raw-token').waitFor();
  await shot('registration-tokens');
  await page.goto(`${opstage.baseUrl}/users`);
  await page.locator('.users-table tbody tr').first().waitFor();
  await shot('users');
  await page.goto(`${opstage.baseUrl}/account`);
  await page.locator('.password-form').waitFor();
  await shot('account');
  await page.goto(`${opstage.baseUrl}/settings`);
  await page.locator('.save-settings').waitFor();
  await shot('settings');
  await page.goto(`${opstage.baseUrl}/about`);
  await page.locator('.version').waitFor();
  await shot('about');
  // Dark mode and 中文.
  await page.goto(`${opstage.baseUrl}/dashboard`);
  await page.locator('.theme-toggle').click();
  await page.locator('.language-menu').click();
  await page.getByRole('menuitem', { name: '中文' }).click();
  await page.locator('[data-card="Agents"]').waitFor();
  await shot('dashboard-dark-zh');
} finally {
  await browser?.close();
  await agent?.stop();
  await opstage.stop();
}

async function waitTerminal(admin, commandId) {
  for (let i = 0; i < 100; i++) {
    const command = await admin.get(`/api/admin/commands/${commandId}`);
    if (['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'].includes(command.data.status)) return command;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`command ${commandId} did not finish`);
}

// The Capsule Bus needs its own backend with OPSTAGE_CAPSULE_BUS_ENABLED=true.
await (await import('./bus-screenshots.mjs')).takeBusScreenshots(outDir);
