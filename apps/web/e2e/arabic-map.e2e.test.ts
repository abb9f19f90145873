import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useBrowserApp } from './browser-app.js';

/**
 * In a real browser (Debian's Chromium): log in, switch to Arabic and see the right-to-left map
 * page. The screenshot is kept in docs/screenshots and shown in the README.
 */
describe('web shell in a real browser', () => {
  const ctx = useBrowserApp();

  it('logs in, switches to Arabic and shows the right-to-left world map with Arabic country names', async () => {
    // After login the home page with the map opens.
    const { page, problems } = await ctx.loggedIn('nfp.kenya');
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

    await page.screenshot({ path: join(SCREENSHOTS, 'home-arabic.png') });
    expect(problems).toEqual([]);
  });
});
