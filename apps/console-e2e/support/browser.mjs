// Debian's chromium driven by playwright-core; never downloads a browser.
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Signs in through the login form and waits for the dashboard. */
export async function signIn(page, baseUrl, { username, password }) {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/dashboard$/);
}

/** A desktop-sized en-GB page in a context of its own; its uncaught errors are pushed to `pageErrors` when given. */
export async function desktopPage(browser, { pageErrors, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, locale: 'en-GB', ...options });
  const page = await context.newPage();
  if (pageErrors) page.on('pageerror', (error) => pageErrors.push(String(error)));
  return { context, page };
}

/** A desktop-sized page and `shot(name)`, which saves it as `<outDir>/<name>.png` once the page has settled. */
export async function screenshotPage(browser, outDir) {
  const { page } = await desktopPage(browser);
  const shot = async (name) => {
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${outDir}/${name}.png` });
    process.stdout.write(`docs/screenshots/${name}.png\n`);
  };
  return { page, shot };
}
