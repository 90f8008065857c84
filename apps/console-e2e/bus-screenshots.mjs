// The Capsule Bus page for `npm run screenshots` (called at the end of take-screenshots.mjs): its own backend with
// the bus on, an agent that publishes over HTTP, a DRY_RUN route, an ENABLED route and one that fails (a dead letter).
import { launchChromium, screenshotPage, signIn } from './support/browser.mjs';
import { BUS_SERVICE_CODE, startBusAgent } from './support/bus-agent.mjs';
import { ADMIN, adminSession, startOpstage } from './support/opstage-process.mjs';

export async function takeBusScreenshots(outDir) {
  const opstage = await startOpstage({ env: { OPSTAGE_CAPSULE_BUS_ENABLED: 'true' } });
  let browser;
  try {
    const admin = await adminSession(opstage.baseUrl);
    const token = await admin.post('/api/admin/registration-tokens', { name: 'bus agent', expiresInSeconds: 3600 });
    const agent = await startBusAgent({ baseUrl: opstage.baseUrl, registrationToken: token.data.rawToken });
    const target = { targetServiceCode: BUS_SERVICE_CODE, actionName: 'notify' };
    await admin.post('/api/admin/bus/routes', { name: 'notify on new orders', description: 'Tell the customer their order arrived.', status: 'ENABLED', eventType: 'order.created', ...target, inputMapping: { orderId: '$event.payload.orderId', channel: 'email' } });
    await admin.post('/api/admin/bus/routes', { name: 'big orders (trial)', status: 'DRY_RUN', eventType: 'order.*', sourceServiceCode: BUS_SERVICE_CODE, ...target, inputMapping: { orderId: '$event.payload.orderId', channel: 'phone' }, condition: { required: ['total'], properties: { total: { minimum: 100 } } } });
    await admin.post('/api/admin/bus/routes', { name: 'sms on payment', status: 'ENABLED', eventType: 'order.paid', ...target, inputMapping: { orderId: '$event.payload.orderId', channel: '$event.payload.phone' } });
    await admin.post('/api/admin/bus/routes', { name: 'nightly digest', status: 'DISABLED', eventType: 'report.*', ...target });
    await agent.publish({ eventType: 'order.created', payload: { orderId: 'o-1001', total: 250 } });
    await agent.publish({ eventType: 'order.created', payload: { orderId: 'o-1002', total: 20 } });
    // `channel` maps to a number, which notify's input schema refuses: a dead letter (BUS_MAPPING_INVALID).
    await agent.publish({ eventType: 'order.paid', payload: { orderId: 'o-1001', phone: 4155550100 } });

    browser = await launchChromium();
    const { page, shot } = await screenshotPage(browser, outDir);
    await signIn(page, opstage.baseUrl, ADMIN);
    await page.goto(`${opstage.baseUrl}/bus`);
    await page.locator('tr[data-route]').first().waitFor();
    await shot('bus-routes');
    await page.locator('tr[data-route="big orders (trial)"] .edit-route').click();
    await page.getByRole('dialog').locator('textarea[name="inputMapping"]').waitFor();
    await shot('bus-route-dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.goto(`${opstage.baseUrl}/bus?tab=events`);
    await page.locator('tr.event-row').first().waitFor();
    await page.locator('tr.event-row .expand-event').nth(1).click();
    await page.locator('.event-detail').waitFor();
    await shot('bus-events');
    await page.goto(`${opstage.baseUrl}/bus?tab=dead-letters`);
    await page.locator('.dead-letters-table tr[data-dispatch]').first().waitFor();
    await shot('bus-dead-letters');
    await page.goto(`${opstage.baseUrl}/bus?tab=diagnostics`);
    await page.locator('[data-value="events"]').waitFor();
    await shot('bus-diagnostics');
  } finally {
    await browser?.close();
    await opstage.stop();
  }
}
