import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, type PDFHexString, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutAgreementSummary } from '../../../shared/pdf/agreement-summary.js';
import { renderAgreementSummary, renderCeremonySummary } from '../../../shared/pdf/index.js';
import { typeMetrics } from '../../../shared/pdf/shaping.js';
import { agreement, ceremony, conference, largeAgreement, secondAgreement } from './fixtures.js';
import { readPdf } from './pdf-reader.js';

function tempFile(name: string, bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pdf-content-')), name);
  writeFileSync(file, bytes);
  return file;
}

/** A 21 × 21 module matrix with the three finder patterns, as a QR code has. */
const qr = Array.from({ length: 21 }, (_, r) =>
  Array.from({ length: 21 }, (_, c) => {
    const finder = (r0: number, c0: number) => {
      const [y, x] = [r - r0, c - c0];
      if (y < 0 || y > 6 || x < 0 || x > 6) return undefined;
      return y === 0 || y === 6 || x === 0 || x === 6 || (y >= 2 && y <= 4 && x >= 2 && x <= 4);
    };
    return finder(0, 0) ?? finder(0, 14) ?? finder(14, 0) ?? (r * 7 + c * 3) % 5 === 0;
  }),
);
const verification = { code: 'OTS-7F3K-92QX', url: 'https://register.example/v/OTS-7F3K-92QX', qr };

describe('sealing hooks', () => {
  const history = new TextEncoder().encode('{"seq":1}\n{"seq":2}\n');
  const model = {
    agreement: largeAgreement(120),
    conference,
    verification,
    integrity: 'Chain verified: events 1–8, head hash f0e1d2c3',
    attachments: [
      {
        name: 'history.ndjson',
        mimeType: 'application/x-ndjson',
        bytes: history,
        description: 'Audit events',
      },
    ],
  };
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await renderAgreementSummary(model);
  });

  it('print the verification code and URL on every page', async () => {
    const { pages } = await readPdf(bytes);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      expect(page).toContain('Verification code OTS-7F3K-92QX: check this document at');
      // The URL has a line of its own, so that no break opportunity inside it can cut it.
      expect(page).toContain(' https://register.example/v/OTS-7F3K-92QX ');
    }
    expect(pages[0]).toContain('Integrity Chain verified: events 1–8, head hash f0e1d2c3');
  });

  it('print a long code and a long public URL whole, each on its line and within the page', async () => {
    // A ceremony's code (ten groups) under an operator's long domain: both wider than the line.
    const code = '280T4-BN7ST-RXR53-C2HE6-MQ7P5-35038-HEMZ8-QNAK6-E3JD6-ZQV5R';
    const url = `https://verification.secretariat-of-the-organization-of-turkic-states.example.org/v1/verifications/${code.replaceAll('-', '')}`;
    const long = { ...model, verification: { ...verification, code, url } };
    const { pages } = await readPdf(await renderAgreementSummary(long));
    for (const page of pages) {
      expect(page).toContain(`Verification code ${code}: check this document at`);
      expect(page).toContain(` ${url} `);
    }
    const frame = { width: 595.28, right: 48 };
    const footerTexts = layoutAgreementSummary(long, await typeMetrics())
      .flat()
      .filter((box) => box.kind === 'text' && (box.text.includes(code) || box.text === url));
    expect(footerTexts.length).toBe(2 * pages.length);
    for (const box of footerTexts) {
      expect(box.x + box.width).toBeLessThanOrEqual(frame.width - frame.right + 1e-6);
      expect(box.kind === 'text' && box.size).toBeLessThan(7.5);
    }
  });

  it('draw every dark QR module, and only those, on every page', async () => {
    const pages = layoutAgreementSummary(model, await typeMetrics());
    for (const page of pages) {
      const modules = page.filter((box) => box.kind === 'fill' && box.colour === 'text');
      const side = Math.min(...modules.map((box) => box.height));
      const dark = new Set<string>();
      const left = Math.min(...modules.map((box) => box.x));
      const top = Math.min(...modules.map((box) => box.y));
      for (const box of modules) {
        for (let x = box.x; x < box.x + box.width - side / 2; x += side)
          dark.add(`${Math.round((box.y - top) / side)},${Math.round((x - left) / side)}`);
      }
      const expected = qr.flatMap((row, r) => row.flatMap((on, c) => (on ? [`${r},${c}`] : [])));
      expect([...dark].sort()).toEqual(expected.sort());
    }
  });

  it('embed the attachments so that pdfdetach lists and extracts them', () => {
    const file = tempFile('sealed.pdf', bytes);
    const listing = execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' });
    expect(listing).toContain('1 embedded files');
    expect(listing).toContain('history.ndjson');
    const out = join(mkdtempSync(join(tmpdir(), 'pdf-detach-')), 'history.ndjson');
    execFileSync('pdfdetach', ['-save', '1', '-o', out, file]);
    expect(readFileSync(out)).toEqual(Buffer.from(history));
  });

  it('keep the document deterministic', async () => {
    expect(Buffer.from(await renderAgreementSummary(model)).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('page 1 of a large agreement', () => {
  it('summarises the roster by status and names the parties awaited and declined', async () => {
    const large = largeAgreement(300);
    const { pages } = await readPdf(await renderAgreementSummary({ agreement: large, conference }));
    const count = (status: string) => large.signatories.filter((s) => s.status === status).length;
    expect(pages[0]).toContain(
      `By status Signed ${count('signed')} · Pending ${count('pending')} · Declined ${count('declined')} · Withdrawn ${count('withdrawn')}`,
    );
    const awaited = large.signatories.filter((s) => s.status === 'pending').map((s) => s.party);
    expect(pages[0]).toContain(`Awaited ${awaited.join(', ')}`);
    expect(pages[0]).toContain('Declined P004, P011');
  });

  it('does not call a party that acceded awaited: it is bound without signing', async () => {
    const [first, ...others] = agreement.signatories.filter((s) => s.status === 'pending');
    expect(first).toBeDefined();
    const acceded = {
      ...agreement,
      signatories: agreement.signatories.map((s) =>
        s === first
          ? {
              ...s,
              acts: [
                {
                  type: 'accession' as const,
                  date: '2023-05-20',
                  id: `${agreement.id}:40`,
                  party: s.party,
                  recordedAt: '2023-05-21T08:00:00.000Z',
                },
              ],
            }
          : s,
      ),
    };
    const { pages } = await readPdf(
      await renderAgreementSummary({ agreement: acceded, conference }),
    );
    expect(pages[0]).toContain(`Bound without signing ${first!.party} (accession)`);
    if (others.length > 0)
      expect(pages[0]).toContain(`Awaited ${others.map((s) => s.party).join(', ')}`);
    else expect(pages[0]).not.toContain('Awaited');
  });
});

describe('ceremony summary', () => {
  it("says when it is a member's filtered copy", async () => {
    const bytes = await renderCeremonySummary({
      ceremony,
      conference,
      agreements: [agreement],
      copyFor: { party: 'KAZ', agreementsInCeremony: 2 },
    });
    const text = (await readPdf(bytes)).pages.join(' ');
    expect(text).toContain(
      'This copy shows the 1 of 2 agreements of this ceremony to which KAZ is a party.',
    );
    // Its counts say they are the copy's, not the ceremony's.
    expect(text).toContain('Agreement 1 of 1 in this copy');
    expect(text).toMatch(/made at this ceremony to the agreements of this copy/);
  });

  it('does not count a withdrawn signature as signed here without saying so', async () => {
    const withdrawnHere = {
      ...secondAgreement,
      signatories: secondAgreement.signatories.map((s, i) =>
        i === 0 ? { ...s, status: 'withdrawn' as const, reason: 'Withdrawn' } : s,
      ),
    };
    const text = (
      await readPdf(
        await renderCeremonySummary({ ceremony, conference, agreements: [withdrawnHere] }),
      )
    ).pages.join(' ');
    expect(text).toContain('2 signatures made at this ceremony, 1 of them since withdrawn');
  });

  it('bookmarks every agreement at its section', async () => {
    const bytes = await renderCeremonySummary({
      ceremony,
      conference,
      agreements: [agreement, secondAgreement],
    });
    const doc = await PDFDocument.load(bytes);
    const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const titles: string[] = [];
    for (let entry = outlines.lookup(PDFName.of('First')); entry instanceof PDFDict; ) {
      titles.push((entry.lookup(PDFName.of('Title')) as PDFHexString).decodeText());
      entry = entry.lookup(PDFName.of('Next'));
    }
    expect(titles).toEqual([`1. ${agreement.title}`, `2. ${secondAgreement.title}`]);
  });
});
