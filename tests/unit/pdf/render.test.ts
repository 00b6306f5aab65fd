import { beforeAll, describe, expect, it } from 'vitest';
import { layoutAgreementSummary } from '../../../shared/pdf/agreement-summary.js';
import { formatLocalTime } from '../../../shared/pdf/format.js';
import { renderAgreementSummary, renderCeremonySummary } from '../../../shared/pdf/index.js';
import { typeMetrics } from '../../../shared/pdf/shaping.js';
import {
  agreement,
  ceremony,
  conference,
  largeAgreement,
  secondAgreement,
  signatories,
  textsOf,
} from './fixtures.js';
import { type ReadPdf, readPdf } from './pdf-reader.js';

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('agreement summary', () => {
  let bytes: Uint8Array;
  let pdf: ReadPdf;
  let text: string;
  beforeAll(async () => {
    bytes = await renderAgreementSummary({ agreement, conference });
    pdf = await readPdf(bytes);
    text = pdf.pages.join(' ');
  });

  it.each(signatories.map((signatory) => [signatory.party, signatory] as const))(
    'shows every name, title, place and reason of %s as extractable text',
    (_, signatory) => {
      for (const expected of textsOf(signatory)) expect(text).toContain(expected);
    },
  );

  it('keeps the letters that need more than Latin-1 and basic Cyrillic', () => {
    for (const letters of [
      'İlham Əliyev',
      'Oʻzbekiston',
      'Қазақстан',
      'ң',
      'ү',
      'ұ',
      'ө',
      'һ',
      'і',
    ]) {
      expect(text).toContain(letters);
    }
  });

  it('shows times on the venue clock with their UTC offset', () => {
    expect(text).toContain('26 Jul 2022, 15:30 (UTC+06:00)');
    expect(text).toContain(
      `In force since ${formatLocalTime(agreement.inForceAt ?? '', 'Asia/Bishkek')}`,
    );
    expect(text).toContain('In force since 26 Jul 2022, 15:42 (UTC+06:00)');
  });

  it('shows the document hash, progress, the audit head and the venue', () => {
    expect(text).toContain(agreement.documentSha256);
    expect(text).toContain('2 of 5 signed');
    expect(text).toContain(
      `audit event #8 of 27 Jul 2022, 10:15 (UTC+06:00), hash ${agreement.chain.headHash}`,
    );
    expect(text).toContain('Чолпон-Ата, Кыргызстан · 26–27 Jul 2022');
    expect(text).toContain('XXIV Zirvə — Türk Dövlətləri Təşkilatı');
  });

  it('labels declined and withdrawn signatories with when and why', () => {
    expect(text).toContain(
      'Declined on 26 Jul 2022, 16:05 (UTC+06:00). Reason: Türkiye Büyük Millet Meclisi onayı bekleniyor',
    );
    expect(text).toContain(
      'Withdrawn on 27 Jul 2022, 10:15 (UTC+06:00). Reason: Signature withdrawn',
    );
  });

  it('numbers its page', () => {
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]).toContain('Page 1 of 1');
  });

  it('carries its metadata', () => {
    expect(pdf.info).toMatchObject({
      Title: agreement.title,
      Author: conference.name,
      Producer: 'Signing Tracker',
      Language: 'en',
      CreationDate: 'D:20220727041500Z',
      ModDate: 'D:20220727041500Z',
    });
    expect(pdf.info.Keywords).toContain(`agreement:${agreement.id}`);
    expect(pdf.info.Keywords).toContain(`audit-head:${agreement.chain.headHash}`);
  });

  it('is byte-for-byte the same for the same model', async () => {
    const again = await renderAgreementSummary({
      agreement: structuredClone(agreement),
      conference: structuredClone(conference),
    });
    expect(sameBytes(again, bytes)).toBe(true);
  });

  it('comes out the same when rendered concurrently with other documents', async () => {
    const [concurrent] = await Promise.all([
      renderAgreementSummary({ agreement, conference }),
      renderAgreementSummary({ agreement: largeAgreement(40), conference }),
      renderCeremonySummary({ ceremony, conference, agreements: [secondAgreement] }),
    ]);
    expect(sameBytes(concurrent, bytes)).toBe(true);
  });

  it('changes when the audit chain moves on', async () => {
    const signedAgain = await renderAgreementSummary({
      agreement: { ...agreement, updatedAt: '2022-07-27T05:00:00.000Z' },
      conference,
    });
    const newHead = await renderAgreementSummary({
      agreement: { ...agreement, chain: { headSeq: 8, headHash: 'ab'.repeat(32) } },
      conference,
    });
    expect(sameBytes(signedAgain, bytes)).toBe(false);
    expect(sameBytes(newHead, bytes)).toBe(false);
    expect((await readPdf(signedAgain)).info.ModDate).toBe('D:20220727050000Z');
  });
});

describe('agreement summary with 300 signatories', () => {
  const large = largeAgreement(300);
  let bytes: Uint8Array;
  let pdf: ReadPdf;
  beforeAll(async () => {
    bytes = await renderAgreementSummary({ agreement: large, conference });
    pdf = await readPdf(bytes);
  });

  it('has as many pages as the layout predicts, each numbered "Page i of n"', async () => {
    const predicted = layoutAgreementSummary(
      { agreement: large, conference },
      await typeMetrics(),
    ).length;
    expect(pdf.pages.length).toBe(predicted);
    expect(predicted).toBeGreaterThan(5);
    pdf.pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${predicted}`);
    });
  });

  it('repeats the table header on every page and names every party', () => {
    for (const page of pdf.pages.slice(1)) {
      expect(
        page.startsWith(`Signatories of ${large.title} (continued) Party Status Signatory`),
      ).toBe(true);
    }
    const text = pdf.pages.join(' ');
    for (const signatory of large.signatories) {
      expect(text).toContain(`${signatory.party} ${signatory.partyName}`);
    }
  });

  it('stays small', () => {
    console.info(
      `300-signatory agreement summary: ${bytes.length} bytes, ${pdf.pages.length} pages`,
    );
    expect(bytes.length).toBeLessThan(500_000);
  });
});

describe('ceremony summary', () => {
  const model = { ceremony, conference, agreements: [secondAgreement, agreement] };
  let bytes: Uint8Array;
  let text: string;
  beforeAll(async () => {
    bytes = await renderCeremonySummary(model);
    text = (await readPdf(bytes)).pages.join(' ');
  });

  it('shows the ceremony, its local time and each agreement in the ceremony order', () => {
    expect(text).toContain('Signing ceremony of the XXIV Summit');
    expect(text).toContain('Чолпон-Ата, Рух Ордо');
    expect(text).toContain('26 Jul 2022, 15:00 (UTC+06:00)');
    const first = text.indexOf(agreement.title);
    const second = text.indexOf(secondAgreement.title);
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
  });

  it('marks the signatures made at this ceremony', () => {
    expect(text).toContain('AZE Azərbaycan Respublikası Signed At this ceremony İlham Əliyev');
    expect(text.match(/Signed At this ceremony/g)).toHaveLength(4);
  });

  it('lists only the signatures made at this ceremony, and counts the others by status', () => {
    expect(text).not.toContain('KGZ Кыргыз Республикасы Pending');
    expect(text).toContain(
      'Not listed here: 3 other signatories (1 pending, 1 declined, 1 withdrawn), with no signature made at this ceremony.',
    );
    expect(text).toContain('2 signatures made at this ceremony');
  });

  it('is dated by the newest agreement change and deterministic', async () => {
    expect((await readPdf(bytes)).info.CreationDate).toBe('D:20220727041500Z');
    expect(sameBytes(await renderCeremonySummary(structuredClone(model)), bytes)).toBe(true);
  });
});
