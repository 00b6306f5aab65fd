import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SUMMIT_PARTIES, summitConference } from '../shared/contract/summit.js';
import { dateInZone } from '../shared/domain/calendar-date.js';
import type { ChainVerification } from '../shared/domain/hash-chain.js';
import type { Agreement, Ceremony, Conference, Role, Signatory } from '../shared/domain/types.js';
import { openLocalIssuer } from '../shared/local/local-issuer.js';
import { depositaryFromEnv } from '../shared/use-cases/ports.js';

/**
 * `npm run demo`: plays a summit of the Organization of Turkic States against
 * a running local API (`npm start`): five member states and the OTS
 * secretariat as an observer, a Protocol of Intent and a Memorandum, a
 * signing ceremony, signatures, a decline; a Convention signed at the
 * ceremony and ratified afterwards (entry into force on the first day of the
 * month following three months after the third ratification, Kyrgyzstan
 * acceding); then downloads the agreement, ceremony and status-chart PDFs
 * into `out/demo/` and prints the notifications and the chain verification.
 *
 *   API_URL   the running API (default http://127.0.0.1:3000)
 *   DATA_DIR  where `npm start` keeps the local issuer's key (default .data)
 */

const API_URL = (process.env.API_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const DATA_DIR = resolve(process.env.DATA_DIR ?? '.data');
const OUT_DIR = resolve('out/demo');

interface Problem {
  readonly title?: string;
  readonly detail?: string;
  readonly errors?: unknown;
}

class DemoError extends Error {}

async function request<T = unknown>(
  method: string,
  path: string,
  { token, body, expect }: { token?: string; body?: unknown; expect: number },
): Promise<{ json: T; bytes: Uint8Array }> {
  let response: Response;
  try {
    response = await fetch(API_URL + path, {
      method,
      headers: {
        ...(token && { authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch {
    throw new DemoError(`No API at ${API_URL}. Start it first (npm start), or set API_URL.`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const isJson = /json/.test(response.headers.get('content-type') ?? '');
  const json: unknown =
    isJson && bytes.length > 0 ? JSON.parse(new TextDecoder().decode(bytes)) : {};
  if (response.status !== expect) {
    const problem = json as Problem;
    const hint =
      response.status === 401
        ? `\nThe API does not accept tokens of the issuer in DATA_DIR=${DATA_DIR}: run the demo with the DATA_DIR of npm start.`
        : '';
    throw new DemoError(
      `${method} ${path}: expected ${expect}, got ${response.status} ${problem.title ?? ''}: ${problem.detail ?? ''}${
        problem.errors ? ` ${JSON.stringify(problem.errors)}` : ''
      }${hint}`,
    );
  }
  return { json: json as T, bytes };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const step = (text: string) => console.log(`\n▸ ${text}`);

/** The delegations, with names as each writes its own. */
const PARTIES = [...SUMMIT_PARTIES, { code: 'OTS', name: 'Türk Devletleri Teşkilatı' }];
const STATES = SUMMIT_PARTIES.map((party) => party.code);

/** Who signs for each party, and in what capacity, in their own languages (fictional people). */
const SIGNERS: Record<string, { name: string; title: string }> = {
  AZE: { name: 'Elçin Məmmədov', title: 'Rəqəmsal İnkişaf və Nəqliyyat nazirinin müavini' },
  KAZ: {
    name: 'Айгерім Сәрсенбаева',
    title: 'Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі вице-министрі',
  },
  KGZ: { name: 'Бакыт Токтогулов', title: 'Тышкы иштер министринин орун басары' },
  TUR: { name: 'Zeynep Karagöz', title: 'Ulaştırma ve Altyapı Bakan Yardımcısı' },
  UZB: { name: 'Dilshod Gʻoyibnazarov', title: 'Raqamli texnologiyalar vazirining oʻrinbosari' },
  OTS: { name: 'Nurlan Ömürbekov', title: 'Genel Sekreter Yardımcısı' },
};

const CEREMONY_PLACE = 'Чолпон-Ата, «Рух Ордо»';

/**
 * The summit is today and the ceremony began 40 minutes ago (signatures may
 * not lie in the future), in Bishkek time (UTC+06:00 all year).
 */
const BISHKEK_OFFSET_MS = 6 * 3600_000;
const ceremonyStart = Math.floor((Date.now() - 40 * 60_000) / 60_000) * 60_000;
const bishkek = (ms: number) => new Date(ms + BISHKEK_OFFSET_MS).toISOString();
const at = (minutesIn: number) =>
  `${bishkek(ceremonyStart + minutesIn * 60_000).slice(0, 16)}:00+06:00`;
const today = bishkek(ceremonyStart).slice(0, 10);
/**
 * Acts are dated in the depositary's calendar (the API's
 * DEPOSITARY_TIME_ZONE, UTC unless set): from 18:00 UTC that is still the
 * day before Bishkek's, and a later date would lie in the future.
 */
const depositaryToday = dateInZone(new Date(), depositaryFromEnv().timeZone);
const tomorrow = bishkek(ceremonyStart + 86_400_000).slice(0, 10);

async function main() {
  const issuer = await openLocalIssuer(DATA_DIR);
  const tokenOf = (role: Role, party?: string) =>
    issuer.mint({ role, ...(party && { party }), sub: `demo-${role}${party ? `-${party}` : ''}` });
  const secretariat = await tokenOf('secretariat');
  const auditor = await tokenOf('auditor');
  const kazakhDelegate = await tokenOf('member', 'KAZ');

  step(`API at ${API_URL}`);
  await request('GET', '/v1/health', { expect: 200 });
  await request('GET', '/v1/conferences?limit=1', { token: secretariat, expect: 200 });
  console.log('  healthy, and it accepts our tokens');

  step('The summit');
  const { json: conference } = await request<Conference>('POST', '/v1/conferences', {
    token: secretariat,
    expect: 201,
    body: { ...summitConference(PARTIES), startDate: today, endDate: tomorrow },
  });
  console.log(`  ${conference.name} — ${conference.venue.city} (${conference.id})`);
  for (const party of conference.parties) console.log(`    ${party.code}  ${party.name}`);

  step('Two documents to sign');
  const { json: protocol } = await request<Agreement>(
    'POST',
    `/v1/conferences/${conference.id}/agreements`,
    {
      token: secretariat,
      expect: 201,
      body: {
        title: 'Protocol of Intent on Cooperation in Digital Transformation',
        kind: 'protocol',
        documentSha256: sha256('Protocol of Intent on Cooperation in Digital Transformation'),
        signatories: STATES.map((party) => ({ party, representative: SIGNERS[party] })),
        entryIntoForce: { rule: 'count', count: 3 },
        open: true,
      },
    },
  );
  const { json: memorandum } = await request<Agreement>(
    'POST',
    `/v1/conferences/${conference.id}/agreements`,
    {
      token: secretariat,
      expect: 201,
      body: {
        title: 'Memorandum of Understanding on the Turkic Investment Fund',
        kind: 'memorandum',
        documentSha256: sha256('Memorandum of Understanding on the Turkic Investment Fund'),
        signatories: ['AZE', 'KAZ', 'TUR', 'OTS'].map((party) => ({ party })),
      },
    },
  );
  const { json: convention } = await request<Agreement>(
    'POST',
    `/v1/conferences/${conference.id}/agreements`,
    {
      token: secretariat,
      expect: 201,
      body: {
        title: 'Convention on Mutual Legal Assistance in Civil Matters',
        kind: 'convention',
        documentSha256: sha256('Convention on Mutual Legal Assistance in Civil Matters'),
        signatories: STATES.map((party) => ({ party })),
        entryIntoForce: {
          rule: 'count',
          count: 3,
          counting: 'consents',
          delay: { months: 3, snap: 'first-day-of-next-month' },
        },
        open: true,
      },
    },
  );
  await request('POST', `/v1/agreements/${memorandum.id}/open`, {
    token: secretariat,
    expect: 200,
  });
  console.log(`  ${protocol.title} (${protocol.id}), open`);
  console.log(`  ${memorandum.title} (${memorandum.id}), opened`);

  step('The signing ceremony');
  const { json: ceremony } = await request<Ceremony>(
    'POST',
    `/v1/conferences/${conference.id}/ceremonies`,
    {
      token: secretariat,
      expect: 201,
      body: {
        title: 'Signing ceremony of the XXIV Summit',
        place: CEREMONY_PLACE,
        scheduledAt: at(0),
        agreementIds: [protocol.id, memorandum.id, convention.id],
      },
    },
  );
  console.log(`  ${ceremony.title}, ${ceremony.place} (${ceremony.id})`);

  const sign = async (agreement: Agreement, party: string, minutesIn: number) => {
    const { json } = await request<Signatory>(
      'POST',
      `/v1/agreements/${agreement.id}/signatories/${party}/signature`,
      {
        token: secretariat,
        expect: 201,
        body: {
          signedBy: SIGNERS[party],
          signedAt: at(minutesIn),
          place: CEREMONY_PLACE,
          ceremonyId: ceremony.id,
        },
      },
    );
    console.log(
      `  ${party} signs “${agreement.title}” at ${json.signedAt}: ${json.signedBy?.name}, ${json.signedBy?.title}`,
    );
  };
  await sign(protocol, 'AZE', 3);
  await sign(protocol, 'KAZ', 6);
  await sign(protocol, 'TUR', 9);
  await sign(protocol, 'UZB', 12);
  const { json: decline } = await request<Signatory>(
    'POST',
    `/v1/agreements/${protocol.id}/signatories/KGZ/decline`,
    {
      token: secretariat,
      expect: 200,
      body: { reason: 'Жогорку Кеңештин макулдугу күтүлүүдө (awaiting parliamentary approval)' },
    },
  );
  console.log(`  KGZ declines: ${decline.reason}`);
  await sign(memorandum, 'AZE', 21);
  await sign(memorandum, 'TUR', 24);
  await sign(memorandum, 'OTS', 27);
  for (const [party, minutesIn] of [
    ['AZE', 30],
    ['KAZ', 31],
    ['TUR', 32],
    ['UZB', 33],
  ] as const)
    await sign(convention, party, minutesIn);

  step('After the summit: instruments deposited with the secretariat');
  const actOf = async (party: string, body: Record<string, unknown>) => {
    const { json } = await request<{ act: { type: string; date: string; notification: string } }>(
      'POST',
      `/v1/agreements/${convention.id}/signatories/${party}/acts`,
      { token: secretariat, expect: 201, body: { date: depositaryToday, ...body } },
    );
    console.log(`  ${json.act.notification}  ${party} ${json.act.type} of ${json.act.date}`);
  };
  await actOf('AZE', { type: 'ratification', instrument: { reference: 'Qanun № 712-VIQ' } });
  await actOf('KAZ', { type: 'ratification', instrument: { reference: 'Заң № 145-VII' } });
  await actOf('TUR', { type: 'approval' });
  await actOf('TUR', {
    type: 'declaration',
    madeAt: 'consent',
    text: 'Türkiye designates the Ministry of Justice as its central authority.',
  });
  await actOf('KGZ', { type: 'accession' });
  const { json: chart } = await request<{
    agreement: { inForce: boolean; inForceAt?: string };
    rows: {
      party: string;
      consent?: { type: string; date: string; marker: string };
      inForceFor?: string;
      markers: string[];
    }[];
  }>('GET', `/v1/agreements/${convention.id}/status-chart`, { token: secretariat, expect: 200 });
  console.log(
    `  ${convention.title}: ${chart.agreement.inForce ? 'in force since' : 'enters into force on'} ${chart.agreement.inForceAt ?? '(not yet determined)'}`,
  );
  for (const row of chart.rows)
    console.log(
      `    ${row.party}  ${(row.consent ? `${row.consent.type} ${row.consent.date} ${row.consent.marker}` : '—').padEnd(24)} in force for it: ${row.inForceFor ?? '—'} ${row.markers.join(' ')}`,
    );

  step('Where things stand');
  for (const agreement of [protocol, memorandum]) {
    const { json } = await request<Agreement>('GET', `/v1/agreements/${agreement.id}`, {
      token: secretariat,
      expect: 200,
    });
    console.log(
      `  ${json.title}: ${json.progress.signed}/${json.progress.total} signed, ${json.inForce ? `in force since ${json.inForceAt}` : 'not in force'}`,
    );
    for (const s of json.signatories)
      console.log(`    ${s.party}  ${s.status.padEnd(8)} ${s.signedBy?.name ?? s.reason ?? ''}`);
  }
  const { json: seenByKazakhstan } = await request<{ items: unknown[] }>(
    'GET',
    `/v1/conferences/${conference.id}/agreements`,
    { token: kazakhDelegate, expect: 200 },
  );
  console.log(
    `  The Kazakh delegation sees ${seenByKazakhstan.items.length} agreement(s) of the summit.`,
  );

  step('PDF summaries');
  mkdirSync(OUT_DIR, { recursive: true });
  const downloads = [
    [`/v1/agreements/${protocol.id}/summary.pdf`, `protocol-of-intent-${protocol.id}.pdf`],
    [`/v1/ceremonies/${ceremony.id}/summary.pdf`, `ceremony-${ceremony.id}.pdf`],
    [
      `/v1/agreements/${convention.id}/status-chart.pdf`,
      `convention-status-chart-${convention.id}.pdf`,
    ],
  ] as const;
  for (const [path, file] of downloads) {
    const { bytes } = await request('GET', path, { token: secretariat, expect: 200 });
    const target = join(OUT_DIR, file);
    writeFileSync(target, bytes);
    console.log(`  ${target} (${bytes.length} bytes)`);
  }

  step('The audit chain of the Protocol of Intent');
  const { json: verification } = await request<ChainVerification>(
    'GET',
    `/v1/agreements/${protocol.id}/history/verification`,
    { token: auditor, expect: 200 },
  );
  console.log(`  ${JSON.stringify(verification)}`);
  console.log(
    verification.valid
      ? `  valid: ${verification.eventCount} events, head ${verification.headHash}`
      : `  NOT valid from event ${verification.firstInvalidSeq}`,
  );

  console.log(`\nExplore it: ${API_URL}/docs`);
}

try {
  await main();
} catch (error) {
  if (!(error instanceof DemoError)) throw error;
  console.error(`\n${error.message}`);
  process.exitCode = 1;
}
