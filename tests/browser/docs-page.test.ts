import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { routes } from '../../shared/contract/routes.js';
import { startTestApi, type TestApi } from '../helpers/test-api.js';

/**
 * `/docs` in headless Chromium against the real local API: Swagger UI loads
 * from the API itself (no other origin is contacted), lists every route, and
 * "Try it out" works with a pasted bearer token.
 */

/** Debian's chromium; `CHROMIUM_PATH` points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const skipNote = hasChromium
  ? ''
  : ` [SKIPPED: no Chromium at ${CHROMIUM}; install Debian's chromium or set CHROMIUM_PATH]`;
if (!hasChromium) console.warn(`docs-page browser test${skipNote}`);

let api: TestApi;
let browser: Browser;
let page: Page;
const foreignRequests: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  [api, browser] = await Promise.all([
    startTestApi(),
    chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }),
  ]);
  page = await browser.newPage();
  page.on('request', (request) => {
    if (!request.url().startsWith(api.url) && !request.url().startsWith('data:'))
      foreignRequests.push(request.url());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the documentation page', () => {
  test.skipIf(!hasChromium)(`loads Swagger UI and lists every route${skipNote}`, async () => {
    await page.goto(`${api.url}/docs`);
    await expect
      .poll(() => page.locator('.swagger-ui .info .title').textContent(), { timeout: 15_000 })
      .toContain('Signing tracker API');
    await expect.poll(() => page.locator('.opblock').count()).toBe(routes.length);
    for (const summary of ['List conferences, newest first', "Record a party's signature"]) {
      await expect.poll(() => page.getByText(summary, { exact: true }).isVisible()).toBe(true);
    }
  });

  test.skipIf(!hasChromium)(
    `authorize with a pasted token, then Try it out → Execute GET /v1/conferences${skipNote}`,
    async () => {
      const token = await api.token('secretariat');
      await page.locator('.scheme-container button.authorize').click();
      const dialog = page.locator('.dialog-ux .modal-ux');
      await dialog.locator('input').fill(token);
      await dialog.locator('button.authorize').click();
      await dialog.locator('button.btn-done').click();

      const operation = page.locator('#operations-Conferences-listConferences');
      await operation.locator('.opblock-summary').click();
      await operation.locator('button.try-out__btn').click();
      await operation.locator('button.execute').click();

      const status = operation.locator('.live-responses-table .response .response-col_status');
      await expect.poll(() => status.first().textContent(), { timeout: 15_000 }).toContain('200');
      await expect
        .poll(() => operation.locator('.live-responses-table .microlight').first().textContent())
        .toContain('"items"');

      expect(foreignRequests, 'the page must not contact any other origin').toEqual([]);
      expect(pageErrors).toEqual([]);
    },
  );
});
