import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildPortal } from '../../shared/local/portal-build.js';
import { chromiumSkipNote, hasChromium, launchChromium } from '../helpers/browser.js';
import { startTestApi, type TestApi } from '../helpers/test-api.js';

/**
 * The portal's production build, served by the real local server, driven in
 * headless Chromium as its users would: sign-in through the local OIDC
 * authority (code + PKCE), the secretariat's conference, agreement and
 * ceremony hall, a delegation's downloads, an auditor's chain verification.
 * Every main page is checked with axe and kept as a screenshot under
 * `.test-artifacts/portal/`.
 */

const ARTIFACTS = join(process.cwd(), '.test-artifacts', 'portal');
/** Short-lived ID tokens, so the run also sees oidc-client-ts renew one. */
const TOKEN_TTL_SECONDS = 70;
const DOCUMENT = Buffer.from(
  'Protocol of Intent on Digital Cooperation\n\nThe Parties, desiring to…\n',
  'utf8',
);
const DOCUMENT_SHA256 = createHash('sha256').update(DOCUMENT).digest('hex');
const PARTIES = [
  { code: 'AZE', name: 'Azərbaycan Respublikası' },
  { code: 'KAZ', name: 'Қазақстан Республикасы' },
  { code: 'TUR', name: 'Türkiye Cumhuriyeti' },
  { code: 'EGY', name: 'جمهورية مصر العربية' },
];

let api: TestApi;
let browser: Browser;
let portalDir: string;
const pageErrors: string[] = [];
const foreignRequests: string[] = [];
/** Ids created along the way, in test order. */
const created: {
  conference?: string;
  agreement?: string;
  ceremony?: string;
  hidden?: string;
  convention?: string;
  ratification?: string;
} = {};

beforeAll(async () => {
  if (!hasChromium) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  portalDir = await buildPortal(mkdtempSync(join(tmpdir(), 'signing-tracker-portal-')));
  [api, browser] = await Promise.all([
    startTestApi({ portalDir, signInTokenTtlSeconds: TOKEN_TTL_SECONDS }),
    launchChromium(),
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  if (portalDir) rmSync(portalDir, { recursive: true, force: true });
});

async function newSession(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    locale: 'en-GB',
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // Chromium logs every 4xx and the request the test drops; the tests provoke those on purpose.
    if (message.type() === 'error' && !/net::ERR_|^Failed to load resource/.test(message.text()))
      pageErrors.push(message.text());
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(api.url) && !/^(data|blob):/.test(request.url()))
      foreignRequests.push(request.url());
  });
  return { context, page };
}

/** Through the portal's Sign in button and the local authority's page, as a developer would. */
async function signIn(page: Page, role: string, party?: string): Promise<void> {
  await page.goto(`${api.url}/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/local-oidc\/authorize/);
  await page.getByLabel('Role').selectOption(role);
  if (party) await page.getByLabel('Party code (members)').fill(party);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.origin === api.url && !url.search.includes('code='));
  await eventually(() => page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
}

/** axe with the WCAG 2.x A/AA rules: no serious or critical violation. */
async function checkAccessibility(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  expect(serious, `axe on ${name}`).toEqual([]);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Polls a page until the expectation holds; generous, for a loaded CI machine. */
const eventually = <T>(probe: () => T | Promise<T>, timeout = 30_000) =>
  expect.poll(probe, { timeout, interval: 250 });

const historyOf = async (agreementId: string) =>
  (
    await api.request('GET', `/v1/agreements/${agreementId}/history?limit=100`, {
      token: await api.token('auditor'),
    })
  ).body.items as { action: string; party?: string }[];

describe.skipIf(!hasChromium)(`the portal${chromiumSkipNote}`, { timeout: 180_000 }, () => {
  let secretariat: { context: BrowserContext; page: Page };

  test('serves the production build with its security headers and runtime config', async () => {
    const page = await api.request('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(page.body);
    expect(script).not.toBeNull();
    const config = await api.request('GET', '/config.json');
    expect(config.body).toEqual({
      authority: `${api.url}/local-oidc`,
      clientId: 'signing-tracker-local',
      redirectUri: `${api.url}/`,
      postLogoutRedirectUri: `${api.url}/`,
    });
    // The API still answers problems on its own paths.
    expect((await api.request('GET', '/v1/nothing-here')).status).toBe(404);
  });

  test('a secretariat signs in locally and creates a conference with its parties', async () => {
    secretariat = await newSession();
    const { page } = secretariat;
    await signIn(page, 'secretariat');
    await eventually(() => page.getByRole('heading', { name: 'Conferences' }).isVisible()).toBe(
      true,
    );

    const form = page.getByRole('form', { name: 'New conference' });
    await form
      .getByLabel('Name', { exact: true })
      .fill('XXIV Summit of the Organization of Turkic States');
    await form.getByLabel('City').fill('Чолпон-Ата');
    await form.getByLabel('Country').fill('Кыргызстан');
    await form.getByLabel(/Time zone of the venue/).fill('Asia/Bishkek');
    await form.getByLabel('First day').fill('2022-07-26');
    for (const [index, party] of PARTIES.entries()) {
      if (index > 0) await form.getByRole('button', { name: 'Add a party' }).click();
      await form.getByLabel('Code').nth(index).fill(party.code);
      await form.getByLabel('Name as the delegation writes it').nth(index).fill(party.name);
    }
    await checkAccessibility(page, '1-conferences-new');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/#\/conferences\/[0-9A-Z]+$/);
    created.conference = decodeURIComponent(page.url().split('/').pop()!);
    await eventually(() => page.getByText('جمهورية مصر العربية').first().getAttribute('dir')).toBe(
      'auto',
    );

    const { body } = await api.request('GET', `/v1/conferences/${created.conference}`, {
      token: await api.token('secretariat'),
    });
    expect(body.parties).toEqual(PARTIES);
    expect(body.timeZone).toBe('Asia/Bishkek');
  });

  test('creates an agreement from a file hashed in the browser (the file is not uploaded)', async () => {
    const { page } = secretariat;
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && (request.postData() ?? '').includes('The Parties'))
        uploads.push(request.url());
    });
    const form = page.getByRole('form', { name: 'New agreement' });
    await form
      .getByLabel('Title', { exact: true })
      .fill('Protocol of Intent on Digital Cooperation');
    await form.getByLabel(/Document file/).setInputFiles({
      name: 'protocol.txt',
      mimeType: 'text/plain',
      buffer: DOCUMENT,
    });
    await eventually(() =>
      page.getByText(`SHA-256 of the document: ${DOCUMENT_SHA256}`).isVisible(),
    ).toBe(true);
    // EGY attends but is not a signatory of this one.
    await form.getByRole('checkbox', { name: /EGY/ }).uncheck();
    const kaz = form.getByRole('group', { name: 'Representative of KAZ' });
    await kaz.getByLabel(/Name/).fill('Қасым-Жомарт Тоқаев');
    await kaz.getByLabel(/Title/).fill('Президент');
    await form.getByRole('radio', { name: 'after a number of signatures' }).check();
    await form.getByLabel('Signatures needed').fill('2');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/#\/agreements\/[0-9A-Z]+$/);
    created.agreement = decodeURIComponent(page.url().split('/').pop()!);
    await eventually(() => page.getByText('open for signature').first().isVisible()).toBe(true);
    await eventually(() => page.getByText(DOCUMENT_SHA256).isVisible()).toBe(true);
    await checkAccessibility(page, '2-agreement');

    const { body } = await api.request('GET', `/v1/agreements/${created.agreement}`, {
      token: await api.token('secretariat'),
    });
    expect(body.documentSha256).toBe(DOCUMENT_SHA256);
    expect(body.signatories.map((signatory: { party: string }) => signatory.party)).toEqual([
      'AZE',
      'KAZ',
      'TUR',
    ]);
    expect(body.entryIntoForce).toEqual({ rule: 'count', count: 2 });
    expect(uploads).toEqual([]);
  });

  test('schedules a ceremony and opens the hall view', async () => {
    const { page } = secretariat;
    await page.goto(`${api.url}/#/conferences/${created.conference}`);
    const form = page.getByRole('form', { name: 'New ceremony' });
    await form.getByLabel('Title').fill('Signing ceremony');
    await form.getByLabel('Place').fill('Ruh Ordo cultural centre');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/#\/ceremonies\/[0-9A-Z]+$/);
    created.ceremony = decodeURIComponent(page.url().split('/').pop()!);
    await eventually(() => page.getByRole('button', { name: 'Sign for KAZ' }).isVisible()).toBe(
      true,
    );
    // The signer is prefilled from the agreement's representative.
    expect(await page.getByLabel('KAZ: Name').inputValue()).toBe('Қасым-Жомарт Тоқаев');
    expect(await page.getByLabel('KAZ: Title').inputValue()).toBe('Президент');
    await checkAccessibility(page, '3-ceremony-hall');
  });

  test('the hall, keyboard only: KAZ signs with Tab and Enter', async () => {
    const { page } = secretariat;
    const focused = () =>
      page.evaluate<string | null>(`document.activeElement?.getAttribute('aria-label')`);
    await page.getByLabel('KAZ: Name').focus();
    // Title, the time's fields (one stop each in Chromium), the reason, then Sign.
    for (let presses = 0; presses < 15 && (await focused()) !== 'Sign for KAZ'; presses++)
      await page.keyboard.press('Tab');
    expect(await focused()).toBe('Sign for KAZ');
    // The focused control shows a visible focus ring.
    expect(
      await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle'),
    ).toBe('solid');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByText('KAZ: signed.').isVisible()).toBe(true);
    await eventually(() =>
      page.locator('figcaption').getByText('1 of 3 signed; 2 needed').isVisible(),
    ).toBe(true);
  });

  test('a lost response is retried with the same Idempotency-Key: one signature, one event', async () => {
    const { page } = secretariat;
    const keys: string[] = [];
    let dropped = false;
    await page.route('**/signatories/AZE/signature', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (dropped) return route.continue();
      dropped = true;
      // The server receives and records the signature; the browser never sees the answer.
      const response = await route.fetch();
      expect(response.status()).toBe(201);
      await route.abort('connectionreset');
    });
    await page.getByLabel('AZE: Name').fill('İlham Əliyev');
    await page.getByLabel('AZE: Title').fill('Prezident');
    await page.getByRole('button', { name: 'Sign for AZE' }).click();
    await eventually(() => page.getByText('AZE: signed.').isVisible()).toBe(true);
    await page.unroute('**/signatories/AZE/signature');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    const signatures = (await historyOf(created.agreement!)).filter(
      (event) => event.action === 'SIGNATURE_RECORDED' && event.party === 'AZE',
    );
    expect(signatures).toHaveLength(1);
    // Two signatures of the two needed: in force, dated by the venue's clock.
    await eventually(() =>
      page
        .locator('figcaption')
        .getByText(/In force since .*GMT\+06:00/)
        .isVisible(),
    ).toBe(true);
  });

  test('a stale view is refused with If-Match (412), refreshed, and the retry applies', async () => {
    const { page } = secretariat;
    // Another secretary declines for TUR on another device.
    const declined = await api.request(
      'POST',
      `/v1/agreements/${created.agreement}/signatories/TUR/decline`,
      { token: await api.token('secretariat'), body: { reason: 'Awaiting instructions' } },
    );
    expect(declined.status).toBe(200);
    await page.getByLabel('TUR: Name').fill('Recep Tayyip Erdoğan');
    await page.getByLabel('TUR: Title').fill('Cumhurbaşkanı');
    await page.getByRole('button', { name: 'Sign for TUR' }).click();
    await eventually(() =>
      page.getByText('Someone else changed this in the meantime').isVisible(),
    ).toBe(true);
    const row = page.getByRole('group', { name: /TUR/ });
    await eventually(() => row.getByText('declined').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign for TUR' }).click();
    await eventually(() => page.getByText('TUR: signed.').isVisible()).toBe(true);
    const events = await historyOf(created.agreement!);
    expect(events.filter((event) => event.party === 'TUR').map((event) => event.action)).toEqual([
      'SIGNATURE_DECLINED',
      'SIGNATURE_RECORDED',
    ]);
    await checkAccessibility(page, '4-ceremony-hall-after');
  });

  test('renews the ID token before it expires, and keeps working', async () => {
    const { page } = secretariat;
    const tokenNow = () =>
      page.evaluate<string>(`(() => {
        const key = Object.keys(sessionStorage).find((name) => name.startsWith('oidc.user:'));
        return key ? JSON.parse(sessionStorage.getItem(key)).id_token : '';
      })()`);
    const first = await tokenNow();
    expect(first).not.toBe('');
    await eventually(tokenNow, 60_000).not.toBe(first);
    await page.goto(`${api.url}/#/agreements/${created.agreement}`);
    await eventually(() =>
      page.locator('figcaption').getByText('3 of 3 signed; 2 needed').isVisible(),
    ).toBe(true);
  });

  test('a member delegation sees its agreements, downloads its summary, and nothing else', async () => {
    // An agreement KAZ is not party to.
    const hidden = await api.request('POST', `/v1/conferences/${created.conference}/agreements`, {
      token: await api.token('secretariat'),
      body: {
        title: 'Memorandum between Türkiye and Egypt',
        documentSha256: 'a'.repeat(64),
        signatories: [{ party: 'TUR' }, { party: 'EGY' }],
      },
    });
    expect(hidden.status).toBe(201);
    created.hidden = hidden.body.id;

    const { context, page } = await newSession();
    await signIn(page, 'member', 'KAZ');
    await eventually(() =>
      page.getByRole('heading', { name: 'Agreements of KAZ' }).isVisible(),
    ).toBe(true);
    await eventually(() =>
      page.getByRole('link', { name: 'Protocol of Intent on Digital Cooperation' }).isVisible(),
    ).toBe(true);
    expect(await page.getByText('Memorandum between Türkiye and Egypt').count()).toBe(0);
    await checkAccessibility(page, '5-member-agreements');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download PDF summary' }).first().click(),
    ]);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toBe(`agreement-${created.agreement}.pdf`);

    await page.goto(`${api.url}/#/agreements/${created.hidden}`);
    await eventually(() => page.getByText('Not found, or not visible to you.').isVisible()).toBe(
      true,
    );
    await context.close();
  });

  test('after the summit, a secretariat records a ratification: its number, the acts, the standing', async () => {
    const { page } = secretariat;
    // A convention KAZ signed subject to ratification.
    const token = await api.token('secretariat');
    const convention = await api.request(
      'POST',
      `/v1/conferences/${created.conference}/agreements`,
      {
        token,
        body: {
          title: 'Convention on Digital Cooperation',
          documentSha256: 'c'.repeat(64),
          signatories: [{ party: 'KAZ' }, { party: 'AZE' }],
          entryIntoForce: { rule: 'count', count: 2, counting: 'consents' },
          open: true,
        },
      },
    );
    expect(convention.status).toBe(201);
    const conventionId = convention.body.id as string;
    const signed = await api.request(
      'POST',
      `/v1/agreements/${conventionId}/signatories/KAZ/acts`,
      {
        token,
        body: {
          type: 'signature',
          kind: 'simple',
          date: '2022-07-26',
          signedBy: { name: 'Қасым-Жомарт Тоқаев', title: 'Президент' },
        },
      },
    );
    expect(signed.status).toBe(201);
    await page.goto(`${api.url}/#/agreements/${conventionId}`);
    const form = page.getByRole('form', { name: 'Record an act' });
    await form.getByLabel('Party').selectOption('KAZ');
    await form.getByLabel('Act').selectOption('ratification');
    await form.getByLabel('Date it happened').fill('2023-01-10');
    await form.getByLabel('Instrument reference (optional)').fill('Закон № 145-VII');
    await form.getByRole('button', { name: 'Record' }).click();
    const stored = async () =>
      (
        await api.request('GET', `/v1/agreements/${conventionId}`, {
          token,
        })
      ).body.signatories.find((s: { party: string }) => s.party === 'KAZ');
    await eventually(async () => (await stored()).consent?.type).toBe('ratification');
    const { acts } = await stored();
    const notification = acts.at(-1).notification as string;
    expect(notification).toMatch(/^DN\/\d{4}\/\d+$/);
    created.ratification = notification;
    created.convention = conventionId;
    await eventually(() =>
      page
        .getByRole('status')
        .getByText(`KAZ: Ratification recorded as ${notification}.`)
        .isVisible(),
    ).toBe(true);
    const row = page.getByRole('row', {
      name: new RegExp(`KAZ Ratification: Закон № 145-VII Jan 10, 2023 .* ${notification}`),
    });
    await eventually(() => row.isVisible()).toBe(true);
    // The convention counts consents, and says so.
    await eventually(() =>
      page
        .locator('figcaption')
        .getByText('1 of 2 have consented to be bound; 2 needed. 1 more needed.')
        .isVisible(),
    ).toBe(true);
    // Its chart and legend count consents too: AZE has not consented, whatever it signed.
    const legend = page.getByRole('list', { name: 'Legend' });
    expect(await legend.textContent()).toBe('consented to be bound: 1not yet: 1');
    expect(await page.locator('rect.cell-signed').count()).toBe(1);
    const standing = page.getByRole('table', { name: 'Standing of each party' });
    await eventually(() =>
      standing.getByRole('row', { name: /KAZ .*Ratification, Jan 10, 2023/ }).isVisible(),
    ).toBe(true);
    await checkAccessibility(page, '4-agreement-acts');

    // An act the record forbids (a second ratification): the problem is shown, nothing recorded.
    await form.getByLabel('Party').selectOption('KAZ');
    await form.getByLabel('Date it happened').fill('2023-02-01');
    await form.getByRole('button', { name: 'Record' }).click();
    await eventually(() => form.getByRole('alert').isVisible()).toBe(true);
    expect((await stored()).acts).toHaveLength(acts.length);
  });

  test('the register of depositary notifications lists the ratification with its agreement', async () => {
    const { page } = secretariat;
    // The notifications cite their agreement's title: the register reads no agreement for it.
    const agreementReads: string[] = [];
    const onRequest = (request: { url(): string }) => {
      if (/\/v1\/agreements\//.test(request.url())) agreementReads.push(request.url());
    };
    page.on('request', onRequest);
    await page.getByRole('link', { name: 'Notifications' }).click();
    await page.waitForURL(/#\/notifications$/);
    const row = page.getByRole('row', {
      name: new RegExp(
        `^${created.ratification} [A-Z][a-z]{2} \\d{1,2}, \\d{4} KAZ Ratification Jan 10, 2023 Convention on Digital Cooperation$`,
      ),
    });
    await eventually(() => row.isVisible()).toBe(true);
    page.off('request', onRequest);
    expect(agreementReads).toEqual([]);
    await checkAccessibility(page, '4-notifications');
    // A year without any: the register says so rather than showing nothing.
    await page.getByLabel('Issued from').fill('2001-01-01');
    await page.getByLabel('Issued to (inclusive)').fill('2001-12-31');
    await page.getByRole('button', { name: 'Show' }).click();
    await eventually(() => page.getByRole('status').textContent()).toBe('0 notifications');
  });

  test('a correction recorded through the API names the act it corrects and what it changed', async () => {
    const { page } = secretariat;
    const token = await api.token('secretariat');
    const kaz = async () =>
      (
        await api.request('GET', `/v1/agreements/${created.convention}`, { token })
      ).body.signatories.find((s: { party: string }) => s.party === 'KAZ');
    const ratification = (await kaz()).acts.find(
      (act: { type: string }) => act.type === 'ratification',
    );
    const corrected = await api.request(
      'POST',
      `/v1/agreements/${created.convention}/signatories/KAZ/acts`,
      {
        token,
        body: {
          type: 'correction',
          date: '2023-02-01',
          relatesTo: ratification.id,
          fields: { instrument: { reference: 'Закон № 145-VIII' } },
          reason: 'The law number was mistyped.',
        },
      },
    );
    expect(corrected.status).toBe(201);
    await page.goto(`${api.url}/#/agreements/${created.convention}`);
    const row = page.getByRole('row', {
      name: /^KAZ Correction \(to the ratification of KAZ, Jan 10, 2023\): instrument: Закон № 145-VIII\. The law number was mistyped\. Feb 1, 2023/,
    });
    await eventually(() => row.isVisible()).toBe(true);
    expect(
      await page.getByRole('table', { name: 'Acts of the parties, as recorded' }).textContent(),
    ).not.toContain(ratification.id);
    await checkAccessibility(page, '4-agreement-correction');

    // The portal records one too: the ratification's date, with the reason.
    const form = page.getByRole('form', { name: 'Record an act' });
    await form.getByLabel('Party').selectOption('KAZ');
    await form.getByLabel('Act').selectOption('correction');
    await form.getByLabel('Act it corrects').selectOption(ratification.id);
    await form.getByLabel('Date it happened').fill('2023-02-02');
    await form.getByLabel('Corrected date (optional)').fill('2023-01-11');
    await form.getByLabel('Reason').fill('The instrument was deposited on 11 January.');
    await form.getByRole('button', { name: 'Record' }).click();
    const byPortal = page.getByRole('row', {
      name: /^KAZ Correction \(to the ratification of KAZ, Jan 10, 2023\): date: Jan 11, 2023\. The instrument was deposited on 11 January\. Feb 2, 2023/,
    });
    await eventually(() => byPortal.isVisible()).toBe(true);
    expect((await kaz()).consent).toEqual({ type: 'ratification', date: '2023-01-11' });
    await checkAccessibility(page, '4-agreement-correction-portal');
  });

  test('creates a convention that counts consents, in force three months later on the first of a month', async () => {
    const { page } = secretariat;
    await page.goto(`${api.url}/#/conferences/${created.conference}`);
    const form = page.getByRole('form', { name: 'New agreement' });
    await form.getByLabel('Title', { exact: true }).fill('Convention on Mutual Legal Assistance');
    await form.getByLabel(/Document file/).setInputFiles({
      name: 'convention.txt',
      mimeType: 'text/plain',
      buffer: DOCUMENT,
    });
    await eventually(() =>
      form.getByText(`SHA-256 of the document: ${DOCUMENT_SHA256}`).isVisible(),
    ).toBe(true);
    await form.getByRole('checkbox', { name: /EGY/ }).uncheck();
    await form.getByLabel('What is counted').selectOption('consents');
    await form.getByRole('radio', { name: 'after a number of consents to be bound' }).check();
    await form.getByLabel('Consents needed').fill('2');
    await form.getByLabel('Delay once the count is reached').selectOption('months');
    await form.getByLabel('Length of the delay').fill('3');
    await form.getByLabel('then on the first day of the following month').check();
    await checkAccessibility(page, '4-new-convention');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/#\/agreements\/[0-9A-Z]+$/);
    const id = decodeURIComponent(page.url().split('/').pop()!);
    await eventually(() =>
      page
        .locator('figcaption')
        .getByText('0 of 3 have consented to be bound; 2 needed. 2 more needed.')
        .isVisible(),
    ).toBe(true);
    const { body } = await api.request('GET', `/v1/agreements/${id}`, {
      token: await api.token('secretariat'),
    });
    expect(body.entryIntoForce).toEqual({
      rule: 'count',
      count: 2,
      counting: 'consents',
      delay: { months: 3, snap: 'first-day-of-next-month' },
    });
  });

  test('an auditor reads the timeline, verifies the chain and exports it', async () => {
    const { context, page } = await newSession();
    await signIn(page, 'auditor');
    await page.goto(`${api.url}/#/agreements/${created.agreement}/history`);
    await eventually(() => page.getByText('Agreement created').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await eventually(() =>
      page.getByText(/The chain is intact: 6 events, head [0-9a-f]{64}\./).isVisible(),
    ).toBe(true);
    await checkAccessibility(page, '6-auditor-history');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export NDJSON (verifiable)' }).click(),
    ]);
    const lines = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\n');
    expect(lines.map((line) => JSON.parse(line).seq)).toEqual([1, 2, 3, 4, 5, 6]);

    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByLabel('Party code').fill('AZE');
    await page.getByRole('button', { name: 'Search' }).click();
    await eventually(() => page.getByText('1 event shown').isVisible()).toBe(true);
    await checkAccessibility(page, '7-auditor-audit');
    await context.close();
  });

  test('in Russian, every string of the hall comes from the Russian catalog', async () => {
    const { page } = secretariat;
    await page.goto(`${api.url}/#/ceremonies/${created.ceremony}`);
    await page.getByLabel('Language').selectOption('ru');
    await eventually(() =>
      page.getByRole('button', { name: 'Отказ стороны KAZ' }).isVisible(),
    ).toBe(true);
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('ru');
    await eventually(() =>
      page
        .locator('figcaption')
        .getByText(/В силе с .*GMT\+06:00/)
        .isVisible(),
    ).toBe(true);
    await checkAccessibility(page, '8-hall-russian');
    await page.getByLabel('Язык').selectOption('en');
  });

  test('the skip link moves the focus to the page, and a long unbroken name wraps inside it', async () => {
    const { page } = secretariat;
    const longName = `مؤتمر ${'التعاونالرقميوالاستدامة'.repeat(6)}`;
    const conference = await api.request('POST', '/v1/conferences', {
      token: await api.token('secretariat'),
      body: {
        name: longName,
        venue: { city: 'Баку', country: 'Azərbaycan' },
        timeZone: 'Asia/Baku',
        startDate: '2026-11-20',
        parties: PARTIES.slice(0, 2),
      },
    });
    expect(conference.status).toBe(201);
    const address = `${api.url}/#/conferences/${conference.body.id}`;
    await page.goto(address);
    const heading = page.getByRole('heading', { level: 1 });
    await eventually(() => heading.textContent()).toBe(longName);
    const box = (await heading.boundingBox())!;
    const width = await page.evaluate<number>('document.documentElement.clientWidth');
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);

    await page.getByRole('button', { name: 'Skip to content' }).focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.evaluate<string>('document.activeElement.id')).toBe('main');
    expect(page.url()).toBe(address);
  });

  test('signs out through the authority and comes back signed out', async () => {
    const { page, context } = secretariat;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await eventually(() => page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    expect(
      await page.evaluate<string[]>(
        `Object.keys(sessionStorage).filter((key) => key.startsWith('oidc.user:'))`,
      ),
    ).toEqual([]);
    await context.close();
    expect(foreignRequests, 'the portal must not contact any other origin').toEqual([]);
    expect(pageErrors, JSON.stringify(pageErrors)).toEqual([]);
  });
});
