import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useBrowserApp } from './browser-app.js';

/** The "no data" grey of the explorer's map (apps/web/src/pages/explorer/scales.ts). */
const NO_DATA_COLOUR = '#c5ccd3';

/**
 * The surveillance pages in a real browser (Debian's Chromium) against the real server on the embedded
 * database with the demo data: the explorer's chart, table and map show the demo mpox series, and an upload
 * with one bad row reports it. Screenshots are kept in docs/screenshots for docs/web.md.
 */
describe('surveillance data in a real browser', () => {
  const ctx = useBrowserApp();
  const loggedIn = (username: string) => ctx.loggedIn(username);

  it('opens the explorer from the home page with real demo data: chart, table and a coloured world map', async () => {
    const { page, problems } = await loggedIn('who.officer');
    await page.click('[data-testid="home-explorer"]');
    // Nothing chosen: the weekly mpox cases are picked, and the choice is written into the address.
    await page.waitForURL(/\/explorer\?.*disease=mpox.*metric=cases.*location=[A-Z]{3}/);
    await page.waitForSelector('[data-testid="series-chart"] rect.chart-bar', { state: 'attached' });

    // A known week of the source data: the United States reported 3,215 cases in the week of 8 August 2022.
    await page.selectOption('[data-testid="explorer-country"]', 'USA');
    await page.waitForURL(/location=USA/);
    await page.waitForSelector('[data-testid="series-chart"] rect[data-period="2022-W32"]');
    expect(await page.getAttribute('[data-testid="series-chart"] rect[data-period="2022-W32"]', 'data-value')).toBe('3215');
    expect(await page.locator('[data-testid="series-chart"] rect.chart-bar').count()).toBeGreaterThan(50);
    const row = page.locator('[data-testid="series-table"] tr', { hasText: '2022-W32' });
    expect(await row.textContent()).toContain('3,215');
    expect(await page.locator('[data-testid="series-table"] tbody tr').count()).toBeGreaterThan(50);
    expect(await page.getAttribute('[data-testid="explorer-csv"]', 'href')).toBe(
      '/api/observations?location=USA&disease=mpox&metric=cases&periodType=week&format=csv',
    );

    // Hovering a bar shows its week and value.
    await page.hover('[data-testid="series-chart"] rect[data-period="2022-W32"]');
    const chartTip = page.locator('[data-testid="chart-tooltip"]');
    await expect.poll(() => chartTip.textContent()).toContain('2022-W32');
    expect(await chartTip.textContent()).toContain('3,215');

    // The map colours every country with data (116 in the demo) and hatches those whose latest week is older.
    await page.waitForSelector('[data-testid="latest-map"] path[data-iso3="BRA"]');
    expect(await page.textContent('[data-testid="latest-week"]')).toContain('2023-W45');
    const fills = await page.$$eval('[data-testid="latest-map"] path[data-iso3]', (paths) =>
      paths.map((p) => ({ fill: p.getAttribute('data-fill'), hatched: p.getAttribute('data-hatched') === 'true' })),
    );
    const coloured = fills.filter((f) => f.fill !== NO_DATA_COLOUR);
    expect(coloured.length).toBeGreaterThan(90);
    expect(new Set(coloured.map((f) => f.fill)).size).toBeGreaterThan(3);
    expect(fills.some((f) => f.hatched)).toBe(true);
    await page.hover('[data-testid="latest-map"] path[data-iso3="BRA"]');
    const mapTip = page.locator('[data-testid="map-tooltip"]');
    await expect.poll(() => mapTip.textContent()).toContain('Brazil');
    expect(await mapTip.textContent()).toContain('2023-W42');

    // Clicking a country on the map shows its series.
    await page.click('[data-testid="latest-map"] path[data-iso3="BRA"]');
    await page.waitForURL(/location=BRA/);
    await expect.poll(() => page.textContent('#explorer-series-heading')).toContain('Brazil');

    await page.selectOption('[data-testid="explorer-country"]', 'DEU');
    await page.waitForSelector('[data-testid="series-chart"] rect[data-period="2022-W30"]');
    // Nothing keeps the keyboard focus (and its outline) on the map for the picture.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.hover('[data-testid="series-chart"] rect[data-period="2022-W30"]');
    await page.screenshot({ path: join(SCREENSHOTS, 'explorer.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('shows the explorer in French for a regional scope, from a shared link, and daily COVID-19 data', async () => {
    const { page, problems } = await loggedIn('afro.officer');
    // afro.officer works in French and sees the WHO African Region: one of its countries is chosen.
    await page.goto(`${ctx.baseUrl}/explorer`);
    await page.waitForURL(/location=[A-Z]{3}/);
    expect(await page.textContent('h1')).toBe('Explorateur de données');
    await page.waitForSelector('[data-testid="latest-map"] path[data-iso3="NGA"]');
    // The map shows only the countries of the reader's scope.
    expect(await page.getAttribute('[data-testid="latest-map"] path[data-iso3="NGA"]', 'data-fill')).not.toBe(NO_DATA_COLOUR);
    expect(await page.getAttribute('[data-testid="latest-map"] path[data-iso3="DEU"]', 'data-fill')).toBe(NO_DATA_COLOUR);

    // A shared link opens exactly that view.
    await page.goto(`${ctx.baseUrl}/explorer?location=NGA&disease=mpox&metric=cases`);
    await page.waitForSelector('[data-testid="series-chart"] rect.chart-bar', { state: 'attached' });
    expect(await page.textContent('#explorer-series-heading')).toContain('Nigéria');
    await page.waitForSelector('[data-testid="latest-map"] path[data-iso3="GHA"]');
    await page.hover('[data-testid="latest-map"] path[data-iso3="GHA"]');
    await expect.poll(() => page.locator('[data-testid="map-tooltip"]').textContent()).toContain('Ghana');
    await page.screenshot({ path: join(SCREENSHOTS, 'explorer-french.png'), fullPage: true });

    // Nigeria has no COVID-19 series in the demo; South Africa has daily cases for 2020, one bar a day.
    await page.selectOption('[data-testid="explorer-disease"]', 'covid19');
    await page.waitForSelector('[data-testid="series-empty"]');
    await page.selectOption('[data-testid="explorer-country"]', 'ZAF');
    await expect.poll(() => page.locator('[data-testid="series-chart"] rect.chart-bar').count()).toBe(365);
    expect(await page.getAttribute('[data-testid="series-chart"] rect[data-period="2020-07-24"]', 'data-value')).toBe('13944');
    // The series chose days, the kind of period it has; the address and the map follow: each country's latest day.
    await page.waitForURL(/period=day/);
    await expect.poll(() => page.textContent('[data-testid="latest-week"]')).toMatch(/^Dernière période : \d{4}-\d{2}-\d{2} /);
    expect(await page.getAttribute('[data-testid="latest-map"] path[data-iso3="ZAF"]', 'data-fill')).not.toBe(NO_DATA_COLOUR);
    expect(problems).toEqual([]);
  });

  it('uploads a CSV with one bad row and shows the summary, the error and the new batch', async () => {
    const { page, problems } = await loggedIn('nfp.kenya');
    await page.click('[data-testid="nav-surveillance"] a[href="/imports"]');
    // A focal point sees only the batches they sent: none yet.
    await page.waitForSelector('[data-testid="upload-card"]');
    await expect.poll(() => page.textContent('main')).toContain('No imports yet.');

    const csv = [
      'location,disease,metric,period,value',
      'KEN,mpox,cases,2024-W05,3',
      'KEN,mpox,cases,2024-W06,4',
      'KEN,mpox,cases,2024-W07,-2',
    ].join('\n');
    await page.setInputFiles('[data-testid="upload-file"]', {
      name: 'kenya-mpox.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.click('[data-testid="upload-submit"]');
    const summary = page.locator('[data-testid="import-summary"]');
    await summary.waitFor();
    expect(await summary.getAttribute('data-status')).toBe('completed');
    expect(await summary.locator('[data-count="inserted"] dd').textContent()).toBe('2');
    expect(await summary.locator('[data-count="rejected"] dd').textContent()).toBe('1');
    const error = page.locator('[data-testid="import-errors"] tbody tr');
    expect(await error.count()).toBe(1);
    const cells = await error.locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['4', 'value', '-2']);
    expect(cells[3]).not.toBe('');
    expect(await page.getAttribute('[data-testid="import-error-report"]', 'href')).toMatch(/^\/api\/imports\/[0-9a-f-]{36}\/errors\.csv$/);
    // The batch list is reloaded with the new batch first.
    await expect.poll(() => page.locator('[data-testid="batches-table"] tbody tr').first().textContent()).toContain('kenya-mpox.csv');
    await page.screenshot({ path: join(SCREENSHOTS, 'imports.png'), fullPage: true });

    // The accepted rows are in the explorer at once.
    await page.goto(`${ctx.baseUrl}/explorer?location=KEN&disease=mpox&metric=cases`);
    await page.waitForSelector('[data-testid="series-table"]');
    expect(await page.locator('[data-testid="series-table"] tr', { hasText: '2024-W06' }).textContent()).toContain('4');
    expect(problems).toEqual([]);
  });
});
