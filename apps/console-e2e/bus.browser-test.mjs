// The Capsule Bus page in real headless Chromium against the real backend (started with the bus on, and once with it
// off) and an agent that registers and publishes events over the real agent HTTP API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { desktopPage, launchChromium, signIn } from './support/browser.mjs';
import { BUS_SERVICE_CODE, startBusAgent } from './support/bus-agent.mjs';
import { ADMIN, adminSession, startOpstage } from './support/opstage-process.mjs';

const OPERATOR = { username: 'olga-operator', password: 'operator-password-123' };
const VIEWER = { username: 'vic-viewer', password: 'viewer-password-123' };
const ROUTE_NAME = 'orders to notify';
const SMS_ROUTE = { name: 'sms on payment', status: 'ENABLED', eventType: 'order.paid', targetServiceCode: BUS_SERVICE_CODE, actionName: 'notify' };

describe('Capsule Bus page (bus enabled)', { concurrency: false }, () => {
  let opstage;
  let agent;
  let browser;
  let page;
  let admin;
  let sms;
  let failedDispatchId;
  const pageErrors = [];

  before(async () => {
    opstage = await startOpstage({ env: { OPSTAGE_CAPSULE_BUS_ENABLED: 'true' } });
    admin = await adminSession(opstage.baseUrl);
    const token = await admin.post('/api/admin/registration-tokens', { name: 'bus agent', expiresInSeconds: 3600 });
    agent = await startBusAgent({ baseUrl: opstage.baseUrl, registrationToken: token.data.rawToken });
    await admin.post('/api/admin/users', { username: OPERATOR.username, password: OPERATOR.password, role: 'operator' });
    await admin.post('/api/admin/users', { username: VIEWER.username, password: VIEWER.password, role: 'viewer' });
    browser = await launchChromium();
    ({ page } = await desktopPage(browser, { pageErrors }));
  });

  after(async () => {
    await browser?.close();
    await opstage?.stop();
  });

  it('lets an operator create a DRY_RUN route through the dialog, with JSON and server issues shown on the fields', async () => {
    await signIn(page, opstage.baseUrl, OPERATOR);
    await page.locator('[data-nav="/bus"]').click();
    await page.waitForURL(/\/bus$/);
    await page.getByRole('note').getByText(/Experimental/).waitFor();
    await page.getByText('No routes yet.').waitFor();
    await page.locator('.new-route').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="name"]').fill(ROUTE_NAME);
    await dialog.locator('[data-field="status"] mat-select').click();
    await page.getByRole('option', { name: 'DRY_RUN' }).click();
    await dialog.locator('input[name="eventType"]').fill('order.created');
    await dialog.locator('input[name="sourceServiceCode"]').fill(BUS_SERVICE_CODE);
    await page.getByRole('option', { name: new RegExp(BUS_SERVICE_CODE) }).click();
    // Target and action are offered from the services API; the confirmation-required action is not.
    await dialog.locator('input[name="targetServiceCode"]').fill('bus');
    await page.getByRole('option', { name: new RegExp(BUS_SERVICE_CODE) }).click();
    await dialog.locator('input[name="actionName"]').click();
    await page.getByRole('option', { name: /notify/ }).waitFor();
    assert.equal(await page.getByRole('option', { name: /refundAll/ }).count(), 0);
    await page.getByRole('option', { name: /notify/ }).click();

    const mapping = dialog.locator('textarea[name="inputMapping"]');
    await mapping.fill('{ "orderId": ');
    await dialog.locator('.save-route').click();
    await dialog.locator('[data-field="inputMapping"] mat-error').getByText(/Not a JSON object/).waitFor();

    await mapping.fill('{ "orderId": "$event.payloadd.orderId" }');
    await dialog.locator('.save-route').click();
    await dialog.locator('.error-code').getByText('BUS_ROUTE_INVALID').waitFor();
    assert.match(await dialog.locator('[data-field="inputMapping"] mat-error').textContent(), /^\s*orderId: /);

    await mapping.fill('{ "orderId": "$event.payload.orderId", "channel": "email" }');
    await dialog.locator('.save-route').click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator(`tr[data-route="${ROUTE_NAME}"]`);
    await row.waitFor();
    assert.equal(await row.locator('ops-status-chip [data-status]').getAttribute('data-status'), 'DRY_RUN');
    assert.match(await row.textContent(), new RegExp(`${BUS_SERVICE_CODE} / notify`));
  });

  it('tests the routes against a sample event and shows the payload the route would dispatch', async () => {
    await page.locator('input[name="testEventType"]').fill('order.created');
    await page.locator('input[name="testSourceServiceCode"]').fill(BUS_SERVICE_CODE);
    await page.locator('textarea[name="testPayload"]').fill('{ "orderId": "o-7" }');
    await page.locator('.run-route-test').click();
    const outcome = page.locator(`.outcome[data-route="${ROUTE_NAME}"][data-matched="true"]`);
    await outcome.waitFor();
    assert.match(await outcome.locator('.verdict').textContent(), /would record a dry run/);
    assert.deepEqual(JSON.parse(await outcome.locator('.test-payload').textContent()), { orderId: 'o-7', channel: 'email' });
  });

  it('shows an event an agent publishes on the Events tab live, with its DRY_RUN dispatch and no command', async () => {
    await page.getByRole('tab', { name: 'Events' }).click();
    await page.waitForURL(/tab=events/);
    await page.getByText('No events yet.').waitFor();
    const outcome = await agent.publish({ eventType: 'order.created', payload: { orderId: 'o-42', total: 99 } });
    assert.equal(outcome.routedCommands[0].status, 'DRY_RUN');
    // No reload: the page refreshes on the stream's bus.event message.
    const row = page.locator(`tr[data-event="${outcome.eventId}"]`);
    await row.waitFor();
    assert.equal(await row.locator('[data-dispatch-status]').getAttribute('data-dispatch-status'), 'DRY_RUN');
    assert.equal((await row.locator('.depth').textContent()).trim(), '0');
    await row.locator('.expand-event').click();
    const dispatch = page.locator('.dispatch[data-status="DRY_RUN"]');
    await dispatch.waitFor();
    assert.equal(await dispatch.locator('.command-link').count(), 0);
    await dispatch.locator('summary').click();
    assert.deepEqual(JSON.parse(await dispatch.locator('.dispatch-payload').textContent()), { orderId: 'o-42', channel: 'email' });

    // Filters live in the URL.
    await page.locator('input[name="eventType"]').fill('order.paid');
    await page.locator('.apply-filters').click();
    await page.waitForURL(/eventType=order\.paid/);
    await page.getByText('No events yet.').waitFor();
    await page.goto(`${opstage.baseUrl}/bus?tab=events&eventType=order.created`);
    await page.locator(`tr[data-event="${outcome.eventId}"]`).waitFor();
    assert.equal(await page.locator('input[name="eventType"]').inputValue(), 'order.created');

    // The audit chain of the event's correlation id.
    await page.locator(`tr[data-event="${outcome.eventId}"] .audit-chain`).click();
    await page.waitForURL(new RegExp(`tab=audit&correlationId=${outcome.correlationId}`));
    await page.locator('.audit-action', { hasText: 'bus.event.received' }).waitFor();

    await page.getByRole('tab', { name: 'Routes' }).click();
    const counts = page.locator(`tr[data-route="${ROUTE_NAME}"]`);
    await counts.locator('[data-count="dryRun"]', { hasText: '1' }).waitFor();
    assert.equal((await counts.locator('[data-count="matched"]').textContent()).trim(), '1');
    assert.equal((await counts.locator('[data-count="dispatched"]').textContent()).trim(), '0');

    await page.getByRole('tab', { name: 'Diagnostics' }).click();
    assert.equal((await page.locator('[data-value="events"]').textContent()).trim(), '1');
    assert.equal((await page.locator('[data-value="maxDepth"]').textContent()).trim(), '1');
    await page.getByRole('tab', { name: 'Dead letters' }).click();
    await page.getByText('No dead letters.').waitFor();
    assert.equal(await page.locator('.dead-letters-table th.mat-column-replay').count(), 1);
  });

  it('shows a viewer the bus and its dead letters without create, edit, delete or replay controls', async () => {
    // An ENABLED route whose mapping gives notify a number for `channel`: its dispatch fails into the dead letters.
    sms = (await admin.post('/api/admin/bus/routes', { ...SMS_ROUTE, inputMapping: { orderId: '$event.payload.orderId', channel: '$event.payload.phone' } })).data;
    const outcome = await agent.publish({ eventType: 'order.paid', payload: { orderId: 'o-42', phone: 4155550100 } });
    assert.equal(outcome.routedCommands[0].status, 'FAILED');
    failedDispatchId = outcome.routedCommands[0].dispatchId;

    const { context, page: viewerPage } = await desktopPage(browser, { pageErrors });
    await signIn(viewerPage, opstage.baseUrl, VIEWER);
    await viewerPage.locator('[data-nav="/bus"]').click();
    await viewerPage.locator(`tr[data-route="${ROUTE_NAME}"]`).waitFor();
    assert.equal(await viewerPage.locator('.new-route').count(), 0);
    assert.equal(await viewerPage.locator('.edit-route, .delete-route').count(), 0);
    await viewerPage.getByRole('tab', { name: 'Dead letters' }).click();
    const letter = viewerPage.locator(`tr[data-dispatch="${failedDispatchId}"]`);
    await letter.waitFor();
    assert.match(await letter.textContent(), /BUS_MAPPING_INVALID/);
    assert.equal(await viewerPage.locator('.dead-letters-table .mat-column-replay').count(), 0);
    assert.equal(await viewerPage.getByRole('button', { name: 'Replay' }).count(), 0);
    await context.close();
  });

  it('lets an operator replay a dead letter once the route is fixed and shows the command it created', async () => {
    await admin.put(`/api/admin/bus/routes/${sms.id}`, { ...SMS_ROUTE, inputMapping: { orderId: '$event.payload.orderId', channel: 'sms' } });
    await page.goto(`${opstage.baseUrl}/bus?tab=dead-letters`);
    const letter = page.locator(`tr[data-dispatch="${failedDispatchId}"]`);
    await letter.waitFor();
    await letter.getByRole('button', { name: 'Replay' }).click();
    const result = page.locator('.replay-result[data-status="REPLAYED"]');
    await result.waitFor();
    assert.match(await result.locator('.command-link').getAttribute('href'), /^\/commands\/cmd_/);
    await page.getByText('No dead letters.').waitFor();
  });

  it('says once that a service without v0.3 metadata reports no capabilities, events or permissions', async () => {
    const detail = (await admin.get(`/api/admin/capsule-services/${agent.serviceId}`)).data;
    assert.deepEqual([detail.capabilities, detail.events, detail.permissions], [[], { published: [], consumed: [] }, []]);
    const { context, page: viewerPage } = await desktopPage(browser, { pageErrors });
    try {
      await signIn(viewerPage, opstage.baseUrl, VIEWER);
      await viewerPage.goto(`${opstage.baseUrl}/services/${agent.serviceId}`);
      await viewerPage.getByRole('tab', { name: 'Capabilities & events' }).click();
      await viewerPage.locator('.metadata-none').getByText(/reports no capabilities, events or permissions/).waitFor();
      assert.equal(await viewerPage.locator('ops-service-metadata section').count(), 0);
    } finally {
      await context.close();
    }
  });

  it('raised no uncaught errors in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});

describe('Capsule Bus page (bus disabled)', { concurrency: false }, () => {
  let opstage;
  let browser;

  before(async () => {
    opstage = await startOpstage();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await opstage?.stop();
  });

  it('hides the navigation entry and explains OPSTAGE_CAPSULE_BUS_ENABLED instead of showing an error', async () => {
    const { page } = await desktopPage(browser);
    await signIn(page, opstage.baseUrl, ADMIN);
    await page.locator('[data-nav="/audit"]').waitFor();
    assert.equal(await page.locator('[data-nav="/bus"]').count(), 0);
    await page.goto(`${opstage.baseUrl}/bus`);
    const state = page.locator('.bus-disabled');
    await state.waitFor();
    assert.match(await state.textContent(), /OPSTAGE_CAPSULE_BUS_ENABLED=true/);
    assert.equal(await page.locator('.error-code').count(), 0);
    assert.equal(await page.getByRole('tab').count(), 0);
  });
});
