import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyChain } from '../../shared/domain/hash-chain.js';
import { findSeals } from '../../shared/seal/seal-check.js';
import { verificationCodeOfReason } from '../../shared/seal/sealer.js';
import { storedEvents } from '../helpers/events.js';
import { agreementBody, conferenceBody, signatureBody } from '../helpers/fixtures.js';
import { pdfsig, poppler } from '../helpers/poppler.js';
import { startTestApi, type TestApi } from '../helpers/test-api.js';

/**
 * The README's worked example over real HTTP on DynamoDB Local: a
 * convention in force on the first day of the month following three
 * months after the third ratification, a fourth party acceding later.
 */

let api: TestApi;
let secretariat: string;
let agreementId: string;
const acts: Record<string, { id: string; notification: string }> = {};

const CONVENTION = {
  rule: 'count',
  count: 3,
  counting: 'consents',
  delay: { months: 3, snap: 'first-day-of-next-month' },
};

async function act(party: string, body: Record<string, unknown>, name?: string) {
  const response = await api.request(
    'POST',
    `/v1/agreements/${agreementId}/signatories/${party}/acts`,
    { token: secretariat, body },
  );
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  if (name) acts[name] = response.body.act;
  return response.body;
}

const read = async (query = '') =>
  (await api.request('GET', `/v1/agreements/${agreementId}${query}`, { token: secretariat })).body;

const byParty = (agreement: { signatories: { party: string }[] }) =>
  Object.fromEntries(agreement.signatories.map((s) => [s.party, s])) as Record<string, any>;

let recordedBeforeCorrection: string;

beforeAll(async () => {
  api = await startTestApi();
  secretariat = await api.token('secretariat');
  const conference = await api.request('POST', '/v1/conferences', {
    token: secretariat,
    body: conferenceBody(),
  });
  const agreement = await api.request('POST', `/v1/conferences/${conference.body.id}/agreements`, {
    token: secretariat,
    body: agreementBody(['AZE', 'KAZ', 'KGZ', 'TUR', 'UZB'], {
      title: 'Convention on Digital Cooperation',
      kind: 'convention',
      entryIntoForce: CONVENTION,
      open: true,
    }),
  });
  expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
  agreementId = agreement.body.id;

  // At the summit: four signatures through the v1 route, one reservation made at signature.
  for (const party of ['AZE', 'KAZ', 'KGZ', 'TUR']) {
    const signed = await api.request(
      'POST',
      `/v1/agreements/${agreementId}/signatories/${party}/signature`,
      { token: secretariat, body: signatureBody(party) },
    );
    expect(signed.status).toBe(201);
  }
  await act(
    'KGZ',
    {
      type: 'reservation',
      date: '2022-07-26',
      madeAt: 'signature',
      text: 'Article 7 applies only to state bodies.',
    },
    'kgzReservation',
  );
  const closed = await api.request('POST', `/v1/agreements/${agreementId}/close`, {
    token: secretariat,
  });
  expect(closed.status).toBe(200);

  // After the summit: the instruments, one recorded with a wrong date and corrected.
  await act('AZE', {
    type: 'ratification',
    date: '2023-01-10',
    instrument: { reference: 'Law 712-VIQ' },
  });
  await act('KAZ', { type: 'approval', date: '2023-02-20' });
  await act('KGZ', { type: 'ratification', date: '2023-05-15' }, 'kgzRatification');
  recordedBeforeCorrection = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  await act(
    'KGZ',
    {
      type: 'correction',
      date: '2023-06-01',
      relatesTo: acts.kgzRatification!.id,
      fields: { date: '2023-03-15' },
      reason: 'The instrument was deposited on 15 March 2023; 15 May was a typing error.',
    },
    'correction',
  );
  await act('UZB', { type: 'accession', date: '2024-05-20' });
  await act(
    'UZB',
    {
      type: 'reservation',
      date: '2024-05-20',
      madeAt: 'consent',
      text: 'Article 12 does not apply.',
    },
    'uzbReservation',
  );
  await act('KAZ', {
    type: 'objection',
    date: '2024-08-01',
    relatesTo: acts.uzbReservation!.id,
    text: 'The reservation is incompatible with the object and purpose of the Convention.',
  });
  await act('KAZ', { type: 'denunciation', date: '2025-03-03' }, 'kazDenunciation');
}, 180_000);

afterAll(async () => {
  await api?.close();
});

describe('the worked example', () => {
  test('entry into force and every party’s date, exact', async () => {
    const agreement = await read();
    expect(agreement).toMatchObject({ inForce: true, inForceAt: '2023-07-01', status: 'closed' });
    const parties = byParty(agreement);
    expect(
      Object.fromEntries(Object.entries(parties).map(([code, s]) => [code, s.inForceFor ?? null])),
    ).toEqual({
      AZE: '2023-07-01',
      KAZ: '2023-07-01',
      KGZ: '2023-07-01',
      TUR: null,
      UZB: '2024-09-01',
    });
    expect(parties.AZE).toMatchObject({
      standing: 'party',
      consent: { type: 'ratification', date: '2023-01-10' },
    });
    expect(parties.KAZ).toMatchObject({
      standing: 'denounced',
      consent: { type: 'approval' },
      markers: ['O'],
    });
    expect(parties.TUR).toMatchObject({ standing: 'signatory', status: 'signed' });
    expect(parties.UZB).toMatchObject({
      standing: 'party',
      consent: { type: 'accession', date: '2024-05-20' },
      markers: ['R'],
    });
    // v1 fields keep their meaning.
    expect(agreement.progress).toEqual({ signed: 4, total: 5 });
    expect(parties.AZE.signedAt).toBe('2022-07-26T09:30:00.000Z');
  });

  test('asOf: the day before and the day of entry into force', async () => {
    const before = await read('?asOf=2023-06-30');
    expect(before).toMatchObject({ asOf: '2023-06-30', inForce: false, inForceAt: '2023-07-01' });
    expect(byParty(before).AZE).toMatchObject({ standing: 'contracting' });
    expect(byParty(before).AZE.inForceFor).toBe('2023-07-01');
    expect(byParty(before).UZB).toMatchObject({ standing: 'none', acts: [] });
    const on = await read('?asOf=2023-07-01');
    expect(on).toMatchObject({ asOf: '2023-07-01', inForce: true });
    expect(byParty(on).AZE.standing).toBe('party');
    expect(byParty(on).KGZ.standing).toBe('party');
    const summit = await read('?asOf=2022-07-25');
    expect(summit.progress).toEqual({ signed: 0, total: 5 });
    expect(byParty(summit).AZE).toMatchObject({ status: 'pending', standing: 'none' });
  });

  test('a denunciation takes effect after its 12-month notice', async () => {
    const kaz = (asOf: string) => read(`?asOf=${asOf}`).then((a) => byParty(a).KAZ);
    expect((await kaz('2026-03-02')).standing).toBe('party');
    expect((await kaz('2026-03-03')).standing).toBe('denounced');
    const kazInChart = async (asOf: string) =>
      (
        await api.request('GET', `/v1/agreements/${agreementId}/status-chart?asOf=${asOf}`, {
          token: secretariat,
        })
      ).body.rows.find((r: { party: string }) => r.party === 'KAZ');
    const denunciation = { denouncedOn: '2025-03-03', denunciationEffective: '2026-03-03' };
    expect(await kazInChart('2026-03-03')).toMatchObject(denunciation);
    // Notified but not yet in effect: the chart says so, where it used to show nothing.
    expect(await kazInChart('2025-06-30')).toMatchObject(denunciation);
  });

  test('the summary lists every act, its dates written as the rest of the page writes dates', async () => {
    const pdf = await api.request('GET', `/v1/agreements/${agreementId}/summary.pdf`, {
      token: secretariat,
    });
    expect(pdf.status).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), 'summary-')), 'summary.pdf');
    writeFileSync(file, pdf.bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const acts = text.slice(text.indexOf('Acts of the parties'));
    expect(acts).toMatch(/AZE\s+ratification \(instrument Law 712-VIQ\)\s+10 Jan 2023/);
    expect(acts).toMatch(/KAZ\s+denunciation\s+3 Mar 2025/);
    expect(acts).toMatch(/UZB\s+accession\s+20 May 2024/);
    // Acts that refer to another name it as a reader knows it, not by its id.
    expect(acts).toContain('objection to UZB reservation of 20 May 2024:');
    // What the correction changed, with its new value (the cell's lines interleave with others').
    expect(acts).toContain('correction of KGZ ratification of 15 May 2023:');
    expect(acts).toContain('date 15 Mar 2023. The instrument was');
    // The original stays as recorded, marked with the notification of its correction.
    expect(acts.replace(/\s+/g, ' ')).toMatch(
      /KGZ ratification \(corrected by (DN\/\d{4}\/\d+)\) 15 May 2023 .* \1 /,
    );
    expect(acts).not.toContain(`${agreementId}:`);
    expect(acts).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  });

  test('a reservation made at signature and not confirmed at consent is marked lapsed', async () => {
    const kgz = byParty(await read()).KGZ;
    expect(kgz.acts.find((a: { id: string }) => a.id === acts.kgzReservation!.id)).toMatchObject({
      lapsed: true,
    });
    expect(kgz.markers).toEqual([]);
    const beforeConsent = byParty(await read('?asOf=2023-03-14')).KGZ;
    expect(beforeConsent.markers).toEqual(['R']);
    expect(
      beforeConsent.acts.find((a: { id: string }) => a.id === acts.kgzReservation!.id).lapsed,
    ).toBeUndefined();
  });

  test('an objection by another party; one’s own reservation cannot be objected to (422)', async () => {
    const kaz = byParty(await read()).KAZ;
    expect(kaz.acts.find((a: { type: string }) => a.type === 'objection')).toMatchObject({
      relatesTo: acts.uzbReservation!.id,
    });
    const own = await api.request('POST', `/v1/agreements/${agreementId}/signatories/UZB/acts`, {
      token: secretariat,
      body: {
        type: 'objection',
        date: '2024-09-01',
        relatesTo: acts.uzbReservation!.id,
        text: 'x',
      },
    });
    expect(own.status).toBe(422);
  });

  test('a correction supersedes the date; the original stays, marked corrected; asRecordedAt shows the record before it', async () => {
    const kgz = byParty(await read()).KGZ;
    const original = kgz.acts.find((a: { id: string }) => a.id === acts.kgzRatification!.id);
    expect(original).toMatchObject({ date: '2023-05-15', correctedBy: acts.correction!.id });
    expect(kgz.consent).toEqual({ type: 'ratification', date: '2023-03-15' });
    const then = await read(`?asRecordedAt=${encodeURIComponent(recordedBeforeCorrection)}`);
    expect(then).toMatchObject({ asRecordedAt: recordedBeforeCorrection, inForceAt: '2023-09-01' });
    expect(byParty(then).KGZ.acts.some((a: { type: string }) => a.type === 'correction')).toBe(
      false,
    );
    expect(byParty(then).UZB.acts).toEqual([]);
    const events = await storedEvents(api, agreementId);
    const correction = events.find(
      (e) => (e.data.act as { id?: string })?.id === acts.correction!.id,
    );
    expect(correction).toMatchObject({ action: 'ACT_RECORDED', party: 'KGZ' });
    expect(
      verifyChain(events, {
        seq: (await read()).chain.headSeq,
        hash: (await read()).chain.headHash,
      }).valid,
    ).toBe(true);
  });

  test('acts the record forbids: 409 with the current standing; bad input 400; before 1900 or future 422', async () => {
    const post = (party: string, body: unknown) =>
      api.request('POST', `/v1/agreements/${agreementId}/signatories/${party}/acts`, {
        token: secretariat,
        body,
      });
    const accession = await post('TUR', { type: 'accession', date: '2024-01-01' });
    expect(accession.status).toBe(409);
    expect(accession.body.current).toMatchObject({
      party: 'TUR',
      standing: 'signatory',
      status: 'signed',
    });
    const twice = await post('AZE', { type: 'ratification', date: '2024-01-01' });
    expect(twice.status).toBe(409);
    expect(twice.body.current).toMatchObject({
      standing: 'party',
      consent: { type: 'ratification' },
    });
    expect((await post('AZE', { type: 'coronation', date: '2024-01-01' })).status).toBe(400);
    expect(
      (await post('AZE', { type: 'declaration', date: '2024-01-01', madeAt: 'consent' })).status,
    ).toBe(400);
    expect(
      (await post('AZE', { type: 'declaration', date: '1899-12-31', madeAt: 'consent', text: 't' }))
        .status,
    ).toBe(422);
    expect(
      (await post('AZE', { type: 'declaration', date: '2999-01-01', madeAt: 'consent', text: 't' }))
        .status,
    ).toBe(422);
    const badCorrection = await post('KGZ', {
      type: 'correction',
      date: '2024-01-01',
      relatesTo: acts.kgzRatification!.id,
      fields: { date: 'soon' },
      reason: 'r',
    });
    expect(badCorrection.status).toBe(422);
    expect(badCorrection.body.errors[0].path).toBe('fields.date');
    // A correction may not make the record one no acts could reach; a refusal writes nothing.
    const eventsBefore = (await storedEvents(api, agreementId)).length;
    const refusedCorrections: [Record<string, unknown>, number, string][] = [
      [{ date: '1800-01-01' }, 422, 'fields.date'],
      [{ date: '2022-07-01' }, 422, 'fields.date'],
      [{ type: 'accession' }, 422, 'fields.type'],
    ];
    for (const [fields, status, path] of refusedCorrections) {
      const refused = await post('KGZ', {
        type: 'correction',
        date: '2024-01-01',
        relatesTo: acts.kgzRatification!.id,
        fields,
        reason: 'r',
      });
      expect(refused.status, JSON.stringify(fields)).toBe(status);
      expect(refused.body.errors[0].path).toBe(path);
    }
    expect((await storedEvents(api, agreementId)).length).toBe(eventsBefore);
  });

  test('every act is numbered DN/<yyyy>/<n> without gaps, listed by GET /v1/notifications', async () => {
    const events = await storedEvents(api, agreementId);
    const numbered = events.flatMap((e) =>
      e.data.act ? [(e.data.act as { notification: string }).notification] : [],
    );
    expect(numbered).toHaveLength(13);
    const year = new Date().getUTCFullYear();
    expect(numbered).toEqual(numbered.map((_, i) => `DN/${year}/${i + 1}`));
    const listed = await api.request(
      'GET',
      `/v1/notifications?agreementId=${agreementId}&limit=100`,
      { token: secretariat },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((n: { notification: string }) => n.notification)).toEqual(
      numbered,
    );
    expect(listed.body.items[0]).toMatchObject({
      agreementId,
      agreementTitle: 'Convention on Digital Cooperation',
      party: 'AZE',
      actType: 'signature',
      date: '2022-07-26',
    });
  });

  test('members see what their party is in: the chart, the notifications', async () => {
    const outsider = await api.token('member', 'OTS');
    const kaz = await api.token('member', 'KAZ');
    expect(
      (await api.request('GET', `/v1/agreements/${agreementId}/status-chart`, { token: outsider }))
        .status,
    ).toBe(404);
    expect((await api.request('GET', '/v1/notifications', { token: outsider })).body.items).toEqual(
      [],
    );
    expect(
      (await api.request('GET', '/v1/notifications?limit=100', { token: kaz })).body.items,
    ).toHaveLength(13);
    expect(
      (await api.request('GET', `/v1/agreements/${agreementId}/status-chart`, { token: kaz }))
        .status,
    ).toBe(200);
    expect(
      (
        await api.request('POST', `/v1/agreements/${agreementId}/signatories/KAZ/acts`, {
          token: kaz,
          body: { type: 'declaration', date: '2024-01-01', madeAt: 'consent', text: 't' },
        })
      ).status,
    ).toBe(403);
  });

  test('the status chart as JSON, CSV and PDF', async () => {
    const json = await api.request('GET', `/v1/agreements/${agreementId}/status-chart`, {
      token: secretariat,
    });
    expect(json.status).toBe(200);
    const rows = Object.fromEntries(json.body.rows.map((r: { party: string }) => [r.party, r]));
    expect(rows.KAZ).toMatchObject({
      signature: '2022-07-26',
      consent: { type: 'approval', date: '2023-02-20', marker: 'AA' },
      inForceFor: '2023-07-01',
    });
    expect(rows.UZB).toMatchObject({ consent: { type: 'accession', marker: 'a' }, markers: ['R'] });
    expect(rows.UZB.signature).toBeUndefined();
    expect(rows.KGZ.notes).toEqual([
      expect.objectContaining({ type: 'reservation', lapsed: true }),
    ]);
    expect(json.body.totals).toEqual({ parties: 5, signatures: 4, consents: 4, inForce: 3 });

    const csv = await api.request('GET', `/v1/agreements/${agreementId}/status-chart`, {
      token: secretariat,
      headers: { accept: 'text/csv' },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = String(csv.body).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'party,partyName,signature,consent,consentType,consentMarker,inForceFor,denouncedOn,denunciationEffective,markers,notes',
    );
    expect(lines.find((l) => l.startsWith('KAZ,'))).toContain('2023-02-20,approval,AA,2023-07-01');

    const pdf = await api.request('GET', `/v1/agreements/${agreementId}/status-chart.pdf`, {
      token: secretariat,
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const again = await api.request('GET', `/v1/agreements/${agreementId}/status-chart.pdf`, {
      token: secretariat,
      headers: { 'if-none-match': pdf.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    const file = join(mkdtempSync(join(tmpdir(), 'chart-')), 'chart.pdf');
    writeFileSync(file, pdf.bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Chart of signatures and ratifications');
    expect(text).toContain('Қазақстан Республикасы');
    expect(text).toContain('20/02/2023 AA');
    expect(text).toContain('first day of the month following the expiration of 3 months');
    expect(text).toContain('lapsed: not confirmed at consent');

    // Sealed like the summaries: the seal, the code on the page, the history, the upload check.
    const report = pdfsig(pdf.bytes, dirname(file));
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('Total document signed');
    const code = verificationCodeOfReason(findSeals(pdf.bytes).at(-1)!.reason!)!;
    expect(text.replace(/\s+/g, ' ')).toContain(`Verification code ${code}`);
    expect(poppler('pdfdetach', ['-list', file])).toContain('history.ndjson');
    const verified = await api.request('POST', '/v1/verifications', {
      rawBody: pdf.bytes,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(verified.body).toMatchObject({
      genuine: true,
      agreementId,
      issuedFor: 'agreement',
      changedSince: false,
      sealValid: true,
    });
  });
});

describe('notification numbers under concurrency', () => {
  test('50 concurrent acts on parties of one agreement and on other agreements: the year’s numbers stay 1..n, no gap, no duplicate, chains valid', async () => {
    // Prepare
    const token = await api.token('secretariat');
    const parties = Array.from({ length: 25 }, (_, i) => ({
      code: `P${String(i).padStart(2, '0')}X`,
      name: `Party ${i}`,
    }));
    const conference = await api.request('POST', '/v1/conferences', {
      token,
      body: conferenceBody(parties),
    });
    const create = (codes: string[]) =>
      api.request('POST', `/v1/conferences/${conference.body.id}/agreements`, {
        token,
        body: agreementBody(codes, {
          open: true,
          entryIntoForce: { rule: 'count', count: 1, counting: 'consents' },
        }),
      });
    const shared = (await create(parties.map((p) => p.code))).body.id as string;
    const single: string[] = [];
    for (const party of parties) single.push((await create([party.code])).body.id);
    const numbersBefore = (
      await api.request('GET', '/v1/notifications?limit=100', { token })
    ).body.items.map((n: { n: number }) => n.n) as number[];
    const targets = [
      ...parties.map((p) => ({ agreementId: shared, party: p.code })),
      ...parties.map((p, i) => ({ agreementId: single[i]!, party: p.code })),
    ];
    // Act: like a client, retry what storage could not serve (503: nothing written, or a
    // timed-out commit that did land, which the retry then meets as a 409).
    const responses = await Promise.all(
      targets.map(async ({ agreementId: id, party }) => {
        for (let attempt = 1; ; attempt++) {
          const response = await api.request(
            'POST',
            `/v1/agreements/${id}/signatories/${party}/acts`,
            {
              token,
              body: {
                type: 'signature',
                kind: 'simple',
                date: '2022-07-26',
                signedBy: { name: 'N', title: 'T' },
              },
            },
          );
          if (response.status !== 503 || attempt === 10)
            return { ...response, retried: attempt > 1 };
          await new Promise((done) => setTimeout(done, 500 * attempt));
        }
      }),
    );
    // Assess
    expect(responses.every((r) => r.status === 201 || (r.retried && r.status === 409))).toBe(true);
    const year = new Date().getUTCFullYear();
    const numbers = responses.flatMap((r) =>
      r.status === 201 ? [r.body.act.notification as string] : [],
    );
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.every((n) => n.startsWith(`DN/${year}/`))).toBe(true);
    // The worked example above numbered its acts first, in this same table.
    const first = numbersBefore.length + 1;
    const issued = Array.from({ length: 50 }, (_, i) => first + i);
    const listed = await api.request('GET', '/v1/notifications?limit=100', { token });
    // The year's numbers, the worked example's and these 50, form 1..n.
    expect(listed.body.items.map((n: { n: number }) => n.n)).toEqual(
      Array.from({ length: numbersBefore.length + 50 }, (_, i) => i + 1),
    );
    // A retried act whose first commit timed out answers 409; the others carry their number.
    expect(numbers.map((n) => Number(n.split('/')[2])).every((n) => issued.includes(n))).toBe(true);
    for (const id of [shared, ...single]) {
      const agreement = (await api.request('GET', `/v1/agreements/${id}`, { token })).body;
      const events = await storedEvents(api, id);
      expect(
        verifyChain(events, { seq: agreement.chain.headSeq, hash: agreement.chain.headHash }).valid,
      ).toBe(true);
    }
    const sharedAgreement = (await api.request('GET', `/v1/agreements/${shared}`, { token })).body;
    expect(sharedAgreement.progress).toEqual({ signed: 25, total: 25 });
  }, 180_000);
});
