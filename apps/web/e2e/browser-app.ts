import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT, buildHttpApp, seedDemo, startRuntime, type Runtime } from '../../server/src/runtime.js';
import { inProcessConfig } from '../../server/src/config.js';
import { DEMO_PASSWORD } from '../../server/src/services/seed.service.js';
import type { AccordApp } from '../../server/src/http/app.js';

/** Where browser tests keep the screenshots docs/ shows. */
export const SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots');

export interface BrowserApp {
  runtime: Runtime;
  browser: Browser;
  baseUrl: string;
  /** A new page logged in as a demo user, with the page errors and failed requests it records. */
  loggedIn(username: string): Promise<{ page: Page; problems: string[] }>;
}

/**
 * For the tests of the calling `describe`: the real server on a fresh embedded database with the
 * demo data, serving the built web app, and Debian's Chromium (never a downloaded browser).
 */
export function useBrowserApp(): BrowserApp {
  const context = {} as BrowserApp & { app: AccordApp };
  const webDistDir = join(REPO_ROOT, 'apps/web/dist');
  beforeAll(async () => {
    if (!existsSync(join(webDistDir, 'index.html'))) throw new Error('build the web app first: npm run build:web');
    context.runtime = await startRuntime({ memory: true });
    await seedDemo(context.runtime);
    context.app = await buildHttpApp(context.runtime, inProcessConfig({ webDistDir }), false);
    context.baseUrl = await context.app.listen({ port: 0, host: '127.0.0.1' });
    context.browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await context.browser?.close();
    await context.app?.close();
    await context.runtime?.close();
  });
  context.loggedIn = async (username) => {
    const page = await context.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    await page.goto(`${context.baseUrl}/login`);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.click('[data-testid="login-submit"]');
    await page.waitForURL(`${context.baseUrl}/`);
    // Let the home page finish loading its map, so leaving it cancels no request.
    await page.waitForSelector('[data-testid="world-map"] path[data-iso3]');
    return { page, problems };
  };
  return context;
}
