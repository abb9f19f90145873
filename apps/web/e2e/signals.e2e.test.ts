import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, useBrowserApp } from './browser-app.js';

/**
 * The signal triage queue and the detection settings in a real browser (Debian's Chromium) against the real
 * server on the embedded database with the demo data, whose weekly mpox counts raise signals when the seed's
 * import runs detection. A WHO officer opens a signal, reads its chart, dismisses it with a reason and runs
 * detection again; an administrator edits a disease's settings; an observer does not see signals at all.
 * Screenshots are kept in docs/screenshots for docs/web.md.
 */
describe('signals in a real browser', () => {
  const ctx = useBrowserApp();

  const newSignalRows = (page: Page) => page.locator('[data-testid="signals-table"] tbody tr[data-status="new"]');

  /** The queue of new signals, once detection after the seed's import has filled it. */
  async function openQueue(page: Page): Promise<void> {
    await page.click('a[href="/signals"]');
    await page.waitForURL(`${ctx.baseUrl}/signals`);
    await page.waitForSelector('[data-testid="detection-runs-table"] tbody tr');
    // The seed's import starts detection in the background: wait until its run is over, then read the queue.
    for (let i = 0; i < 120; i += 1) {
      const running = await page.locator('[data-testid="detection-runs-table"] tr[data-status="running"]').count();
      if (running === 0 && (await newSignalRows(page).count()) > 0) return;
      await page.waitForTimeout(1000);
      await page.reload();
      await page.waitForSelector('[data-testid="detection-runs-table"] tbody tr');
    }
    throw new Error('no signals appeared in the queue');
  }

  it('lets a WHO officer read a signal, see its chart and dismiss it with a reason', async () => {
    const { page, problems } = await ctx.loggedIn('who.officer');
    await openQueue(page);
    expect(await page.inputValue('[data-testid="signals-status"]')).toBe('new');
    const rows = newSignalRows(page);
    expect(await rows.count()).toBeGreaterThan(0);
    const firstRow = rows.first();
    // Each row says why, in words, with its week in the explorer's ISO-week style.
    expect(await firstRow.textContent()).toMatch(/\d+ cases in week \d{4}-W\d{2}, above the threshold of [\d.,]+/);
    const id = await firstRow.getAttribute('data-signal');
    expect(id).toBeTruthy();

    await firstRow.locator('[data-testid="signal-link"]').click();
    await page.waitForURL(`${ctx.baseUrl}/signals?signal=${id}`);
    await page.locator('[data-testid="signal-chart"]').waitFor();
    const chart = page.locator('[data-testid="signal-chart"] svg[role="img"]');
    expect(await chart.locator('rect.signal-bar[data-value]').count()).toBeGreaterThan(3);
    expect(await chart.locator('[data-testid="threshold-line"]').count()).toBeGreaterThan(0);
    expect(await chart.locator('[data-testid="alarm-mark"]').count()).toBeGreaterThan(0);
    expect(await chart.locator('rect.signal-bar-alarm').count()).toBe(await chart.locator('[data-testid="alarm-mark"]').count());
    expect(await chart.locator('[data-testid="signal-episode"]').count()).toBe(1);
    expect(await chart.locator('title').textContent()).toContain('Mpox');
    expect(await page.textContent('[data-testid="signal-reason"]')).toMatch(/in week \d{4}-W\d{2}, above the threshold/);
    // Pointing at an alarm week reads it out: its week, count, expected value and threshold.
    await chart.locator('rect.signal-bar-alarm').first().hover();
    const tooltip = page.locator('[data-testid="chart-tooltip"]');
    await expect.poll(() => tooltip.textContent()).toMatch(/^\d{4}-W\d{2}.*Expected: .*Threshold: .*Alarm$/);
    expect(await page.locator('[data-testid="signal-weeks-table"] tr[data-kind="alarm"]').count()).toBeGreaterThan(0);
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: join(SCREENSHOTS, 'signals.png'), fullPage: true });

    // Dismissing needs a reason: the form says so and sends nothing without one.
    const triageRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/triage')) triageRequests.push(r.url());
    });
    const dismiss = page.locator('[data-testid="signal-dismiss-form"]');
    expect(await dismiss.textContent()).toContain('A signal can only be dismissed with a reason.');
    await dismiss.locator('[data-testid="signal-dismiss"]').click();
    await expect.poll(() => dismiss.locator('[data-testid="dismiss-reason-missing"]').textContent()).toContain('Give the reason');
    expect(triageRequests).toEqual([]);

    await dismiss.locator('textarea[name="note"]').fill('Reporting backlog cleared in one week, not a real rise.');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/signals/${id}/triage`) && r.request().method() === 'POST' && r.status() === 200),
      dismiss.locator('[data-testid="signal-dismiss"]').click(),
    ]);
    const decision = page.locator('[data-testid="signal-decision"]');
    await expect.poll(() => decision.textContent()).toContain('Dismissed by');
    expect(await decision.textContent()).toContain('Reporting backlog cleared in one week, not a real rise.');
    // It has left the queue of new signals, and shows under "Dismissed".
    await expect.poll(() => page.locator(`[data-testid="signals-table"] tr[data-signal="${id}"]`).count()).toBe(0);
    await page.selectOption('[data-testid="signals-status"]', 'dismissed');
    await page.waitForSelector(`[data-testid="signals-table"] tr[data-signal="${id}"][data-status="dismissed"]`);
    expect(problems).toEqual([]);
  });

  it('runs detection on demand, following its progress to the summary', async () => {
    const { page, problems } = await ctx.loggedIn('who.officer');
    await openQueue(page);
    const before = await page.locator('[data-testid="detection-runs-table"] tbody tr').count();
    const form = page.locator('[data-testid="detection-run-form"]');
    await form.locator('select[name="disease"]').selectOption('mpox');
    const [started] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/detection/runs') && r.request().method() === 'POST'),
      form.locator('[data-testid="detection-run-start"]').click(),
    ]);
    expect(started.status()).toBe(201);
    expect(started.request().postDataJSON()).toEqual({ diseases: ['mpox'] });
    const summary = page.locator('[data-testid="detection-run-summary"]');
    await summary.waitFor({ timeout: 120_000 });
    expect(await summary.getAttribute('data-status')).toBe('completed');
    expect(await summary.textContent()).toContain('Weeks evaluated');
    await expect.poll(() => page.locator('[data-testid="detection-runs-table"] tbody tr').count()).toBe(Math.min(5, before + 1));
    expect(problems).toEqual([]);
  });

  it('shows the queue in Arabic, right to left', async () => {
    const { page, problems } = await ctx.loggedIn('who.officer');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/account') && r.request().method() === 'PATCH' && r.status() === 200),
      page.selectOption('[data-testid="language-switcher"]', 'ar'),
    ]);
    await openQueue(page);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await newSignalRows(page).first().locator('[data-testid="signal-link"]').click();
    await page.locator('[data-testid="signal-chart"] [data-testid="alarm-mark"]').first().waitFor();
    expect(await page.textContent('[data-testid="signal-reason"]')).toContain('فوق العتبة');
    expect(await page.textContent('[data-testid="signal-legend"]')).toContain('أسبوع إنذار');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: join(SCREENSHOTS, 'signals-arabic.png'), fullPage: true });
    // Back to English, so the account is as the other tests expect it.
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/account') && r.request().method() === 'PATCH' && r.status() === 200),
      page.selectOption('[data-testid="language-switcher"]', 'en'),
    ]);
    expect(problems).toEqual([]);
  });

  it("lets an administrator change a disease's detection settings, with the server's objections next to the row", async () => {
    const { page, problems } = await ctx.loggedIn('admin');
    await page.click('a[href="/admin/detection"]');
    await page.waitForURL(`${ctx.baseUrl}/admin/detection`);
    const row = page.locator('[data-testid="detection-table"] tr[data-disease="mpox"]');
    await row.waitFor();
    expect(await page.locator('[data-testid="detection-table"] tbody tr[data-disease]').count()).toBeGreaterThan(1);

    // A line that is not name=value is refused before sending.
    const params = row.locator('textarea[name="params"]');
    await params.fill('alpha 0.01');
    await row.locator('[data-testid="detection-save"]').click();
    await expect.poll(() => row.textContent()).toContain('Line 1: “alpha 0.01” has no = between the name and the value.');

    // A value the method refuses comes back from the server and is shown under the row.
    await row.locator('select[name="method"]').selectOption('ears-c1');
    await params.fill('alpha=2');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/detection/configs/mpox') && r.status() === 400),
      row.locator('[data-testid="detection-save"]').click(),
    ]);
    await page.waitForSelector('[data-testid="detection-row-error"] [data-testid="problem"]');

    await params.fill('alpha=0.01\nbaseline=7');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/detection/configs/mpox') && r.status() === 200),
      row.locator('[data-testid="detection-save"]').click(),
    ]);
    await expect.poll(() => row.textContent()).toContain('Saved.');
    expect(await page.locator('[data-testid="detection-row-error"]').count()).toBe(0);
    expect(await row.locator('[data-testid="detection-default"]').count()).toBe(0);
    await page.reload();
    await page.locator('[data-testid="detection-table"] tr[data-disease="mpox"]').waitFor();
    expect(await page.inputValue('[data-testid="detection-table"] tr[data-disease="mpox"] select[name="method"]')).toBe('ears-c1');
    expect(await page.inputValue('[data-testid="detection-table"] tr[data-disease="mpox"] textarea[name="params"]')).toBe(
      'alpha=0.01\nbaseline=7',
    );
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: join(SCREENSHOTS, 'detection-settings.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('gives an observer neither the page nor its menu entry', async () => {
    const { page, problems } = await ctx.loggedIn('observer');
    const nav = page.locator('[data-testid="nav-surveillance"]');
    expect(await nav.locator('a[href="/explorer"]').count()).toBe(1);
    expect(await nav.locator('a[href="/signals"]').count()).toBe(0);
    expect(await page.locator('a[href="/signals"], a[href="/admin/detection"]').count()).toBe(0);
    await page.goto(`${ctx.baseUrl}/signals`);
    // The demo observer reads Russian: "Access restricted".
    await expect.poll(() => page.textContent('main h1')).toBe('Доступ ограничен');
    expect(await page.locator('[data-testid="signals-table"]').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
