import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT, buildHttpApp, seedDemo, startRuntime, type Runtime } from '../../server/src/runtime.js';
import { inProcessConfig } from '../../server/src/config.js';
import { DEMO_PASSWORD } from '../../server/src/services/seed.service.js';
import type { AccordApp } from '../../server/src/http/app.js';

/**
 * In a real browser (Debian's Chromium): log in, switch to Arabic and see the right-to-left map
 * page. The screenshot is kept in docs/screenshots and shown in the README.
 */
describe('web shell in a real browser', () => {
  let runtime: Runtime;
  let app: AccordApp;
  let browser: Browser;
  let baseUrl: string;
  const webDistDir = join(REPO_ROOT, 'apps/web/dist');

  beforeAll(async () => {
    if (!existsSync(join(webDistDir, 'index.html'))) throw new Error('build the web app first: npm run build:web');
    runtime = await startRuntime({ memory: true });
    await seedDemo(runtime);
    app = await buildHttpApp(runtime, inProcessConfig({ webDistDir }), false);
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await runtime?.close();
  });

  it('logs in, switches to Arabic and shows the right-to-left world map with Arabic country names', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));

    await page.goto(`${baseUrl}/login`);
    await page.fill('input[name="username"]', 'nfp.kenya');
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.click('[data-testid="login-submit"]');
    // After login the home page with the map opens.
    await page.waitForURL(`${baseUrl}/`);
    await page.waitForSelector('[data-testid="world-map"] path[data-iso3="EGY"]');

    // Choosing Arabic saves it on the account.
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/account') && r.request().method() === 'PATCH' && r.status() === 200),
      page.selectOption('[data-testid="language-switcher"]', 'ar'),
    ]);
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['rtl', 'ar']);

    // The choice is kept on the account, so it survives a reload.
    await page.reload();
    await page.waitForSelector('[data-testid="world-map"] path[data-iso3="EGY"]');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');

    const coloured = await page.locator('[data-testid="world-map"] path[data-region]').count();
    expect(coloured).toBeGreaterThan(180);

    await page.hover('[data-testid="world-map"] path[data-iso3="EGY"]');
    const tooltip = page.locator('[data-testid="map-tooltip"]');
    await expect.poll(() => tooltip.textContent()).toContain('مصر');

    mkdirSync(join(REPO_ROOT, 'docs/screenshots'), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/home-arabic.png') });
    expect(problems).toEqual([]);
  });
});
