import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, useBrowserApp } from './browser-app.js';

/**
 * The administration pages of surveillance data in a real browser (Debian's Chromium) against the real server
 * on the embedded database with the demo data: a focal point adds an area of their country under Reference
 * data, and an administrator maps DHIS2 identifiers (form and pasted lines) and sees a DHIS2 payload land in
 * the explorer. The tests run in order: the second maps an organisation unit to the area the first adds.
 * Screenshots are kept in docs/screenshots for docs/web.md.
 */
describe('surveillance administration in a real browser', () => {
  const ctx = useBrowserApp();
  const loggedIn = (username: string) => ctx.loggedIn(username);

  /** The text of each row of a table, cells joined by " | ". */
  const rowsOf = (page: Page, selector: string) =>
    page.$$eval(`${selector} tbody tr`, (rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('td'))
          .map((cell) => cell.textContent?.trim())
          .join(' | '),
      ),
    );

  it('lets a focal point add a first-level area with its population, but not a disease', async () => {
    const { page, problems } = await loggedIn('nfp.kenya');
    await page.click('a[href="/admin/reference"]');
    await page.waitForURL(`${ctx.baseUrl}/admin/reference`);
    await page.waitForSelector('[data-testid="diseases-table"] tbody tr');
    // Diseases and metrics are for everyone to read; only administrators add or correct them.
    expect(await page.locator('[data-testid="diseases-table"] tr', { hasText: 'cholera' }).textContent()).toContain('Cholera');
    expect(await page.locator('[data-testid="disease-new"]').count()).toBe(0);
    expect(await page.locator('[data-testid="metric-new"]').count()).toBe(0);
    expect(await page.locator('[data-testid="diseases-table"] button').count()).toBe(0);

    // The focal point's own country is chosen; it has no areas yet.
    expect(await page.inputValue('[data-testid="locations-country"]')).toBe('KEN');
    await page.waitForSelector('[data-testid="locations-none"]');
    const kenya = await rowsOf(page, '[data-testid="locations-table"]');
    expect(kenya).toHaveLength(1);
    expect(kenya[0]).toMatch(/^Kenya \| KEN \| Country \| [\d,]+ \(\d{4}\) \| Edit$/);

    await page.click('[data-testid="location-new"]');
    const form = page.locator('[data-testid="location-form"]');
    expect(await form.locator('select[name="parent"]').inputValue()).toBe('KEN');
    await form.locator('input[name="code"]').fill('ken.nairobi');
    await form.locator('input[name="name"]').fill('Nairobi');
    // A population needs its year: the form says so before sending anything.
    await form.locator('input[name="population"]').fill('4397073');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => form.textContent()).toContain('Give both the year and the population, or neither.');
    await form.locator('input[name="year"]').fill('2019');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/locations') && r.request().method() === 'POST' && r.status() === 201),
      form.locator('button[type="submit"]').click(),
    ]);
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.textContent('[data-testid="locations-section"]')).toContain('The area Nairobi has been added.');
    await expect
      .poll(() => rowsOf(page, '[data-testid="locations-table"]'))
      .toEqual([kenya[0], 'Nairobi | KEN.NAIROBI | First level | 4,397,073 (2019) | Edit']);
    expect(await page.getAttribute('[data-testid="locations-table"] tr[data-level="1"] span[title]', 'title')).toBe('2019: 4,397,073');
    expect(await page.locator('[data-testid="locations-none"]').count()).toBe(0);

    // The area is kept: a reload shows it again.
    await page.reload();
    await page.waitForSelector('[data-testid="locations-table"] tr[data-level="1"]');
    expect(await page.textContent('[data-testid="locations-table"] tr[data-level="1"]')).toContain('KEN.NAIROBI');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: join(SCREENSHOTS, 'reference-data.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('lets an administrator map DHIS2 identifiers, refuses a wrong pasted line, and imports a data value set', async () => {
    const { page, problems } = await loggedIn('admin');
    await page.click('a[href="/admin/dhis2"]');
    await page.waitForURL(`${ctx.baseUrl}/admin/dhis2`);
    const elements = page.locator('[data-testid="dhis2-data-elements"]');
    const units = page.locator('[data-testid="dhis2-org-units"]');
    await expect.poll(() => elements.textContent()).toContain('No data elements are mapped yet.');
    await expect.poll(() => units.textContent()).toContain('No organisation units are mapped yet.');

    // One data element through the form: cholera cases, for any category option combination.
    const form = page.locator('[data-testid="dhis2-de-form"]');
    await form.locator('select[name="disease"] option[value="cholera"]').waitFor({ state: 'attached' });
    await form.locator('input[name="dataElement"]').fill('f7n9E0hX8qk');
    await form.locator('select[name="disease"]').selectOption('cholera');
    // Cases is the metric chosen to begin with (the metrics arrive after the form is shown).
    expect(await form.locator('select[name="metric"]').inputValue()).toBe('cases');
    await form.locator('button[type="submit"]').click();
    await page.waitForSelector('[data-testid="dhis2-data-elements-table"]');
    expect(await rowsOf(page, '[data-testid="dhis2-data-elements-table"]')).toEqual([
      'f7n9E0hX8qk | any | Cholera cholera | Cases cases | Remove',
    ]);
    // The form is emptied for the next one, back to cases: its default, not merely the first metric by name
    // (in Russian that would be "tested").
    expect(await form.locator('input[name="dataElement"]').inputValue()).toBe('');
    expect(await form.locator('select[name="disease"]').inputValue()).toBe('');
    expect(
      await form.locator('select[name="metric"] option[value="cases"]').evaluate((o) => (o as HTMLOptionElement).defaultSelected),
    ).toBe(true);

    // Two organisation units pasted at once; the second names no known place, so neither is saved.
    const paste = page.locator('[data-testid="dhis2-ou-paste"]');
    await units.locator('details.paste-form summary').click();
    await paste.locator('textarea[name="lines"]').fill('orgUnit,location\nDiszpKrYNg8,KEN\nO6uvpzGd5pu,KENYA');
    await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/api/dhis2/org-unit-mappings') && r.request().method() === 'POST' && r.status() === 400,
      ),
      paste.locator('button[type="submit"]').click(),
    ]);
    await expect.poll(() => paste.locator('ul.field-error').textContent()).toContain('Line 3 (location):');
    expect(await paste.locator('ul.field-error').textContent()).toContain('unknown location code "KENYA"');
    expect(await paste.locator('ul.field-error li').count()).toBe(1);
    expect(await units.textContent()).toContain('No organisation units are mapped yet.');
    const stored = await page.evaluate(() => fetch('/api/dhis2/org-unit-mappings').then((r) => r.json() as Promise<{ items: unknown[] }>));
    expect(stored.items).toEqual([]);

    // Corrected (the area added by the focal point), the paste is saved whole and the table filled.
    expect(await paste.locator('textarea[name="lines"]').inputValue()).toContain('O6uvpzGd5pu,KENYA');
    await paste.locator('textarea[name="lines"]').fill('orgUnit,location\nDiszpKrYNg8,KEN\nO6uvpzGd5pu,ken.nairobi');
    await paste.locator('button[type="submit"]').click();
    await expect.poll(() => paste.textContent()).toContain('Mappings saved: 2.');
    expect(await paste.locator('ul.field-error').count()).toBe(0);
    expect(await paste.locator('textarea[name="lines"]').inputValue()).toBe('');
    await page.waitForSelector('[data-testid="dhis2-org-units-table"]');
    expect((await rowsOf(page, '[data-testid="dhis2-org-units-table"]')).sort()).toEqual([
      'DiszpKrYNg8 | KEN | Kenya | Remove',
      'O6uvpzGd5pu | KEN.NAIROBI | Kenya | Remove',
    ]);
    expect(await rowsOf(page, '[data-testid="dhis2-data-elements-table"]')).toHaveLength(1);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: join(SCREENSHOTS, 'dhis2-mappings.png'), fullPage: true });

    // The mappings at work: a DHIS2 payload sent with the administrator's session, as the web client sends
    // its own requests (the cookie and the session's CSRF token).
    const summary = await page.evaluate(async () => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const response = await fetch('/api/dataValueSets', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({
          dataSet: 'pBOMPrpg1QX',
          period: '2024W5',
          orgUnit: 'DiszpKrYNg8',
          dataValues: [{ dataElement: 'f7n9E0hX8qk', value: '17' }],
        }),
      });
      return { status: response.status, body: (await response.json()) as { status: string; importCount: Record<string, number> } };
    });
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ status: 'SUCCESS', importCount: { imported: 1, updated: 0, ignored: 0, deleted: 0 } });

    await page.goto(`${ctx.baseUrl}/explorer?location=KEN&disease=cholera&metric=cases&period=week`);
    await page.waitForSelector('[data-testid="series-table"]');
    await expect.poll(() => page.textContent('#explorer-series-heading')).toContain('Kenya');
    const cells = await page.locator('[data-testid="series-table"] tbody tr', { hasText: '2024-W05' }).locator('td').allTextContents();
    expect(cells[0]).toBe('2024-W05');
    expect(cells[2]).toBe('17');
    expect(await page.getAttribute('[data-testid="series-chart"] rect[data-period="2024-W05"]', 'data-value')).toBe('17');
    expect(problems).toEqual([]);
  });
});
