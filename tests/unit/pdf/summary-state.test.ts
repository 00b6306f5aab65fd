import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { SummaryTooLargeError } from '../../../shared/domain/errors.js';
import { pdfResult } from '../../../shared/http/pdf-result.js';
import { toProblem } from '../../../shared/http/problem.js';
import {
  agreementSummaryETag,
  assertRenderable,
  ceremonySummaryETag,
  MAX_CEREMONY_SUMMARY_ROWS,
  RENDERER_VERSION,
  renderAgreementSummary,
  statusChartETag,
} from '../../../shared/pdf/index.js';
import { agreement, ceremony, conference, largeAgreement, secondAgreement } from './fixtures.js';

const model = { agreement, conference };
const issued = { agreement, verificationBase: 'https://api.example.org' };

describe('the ETag of a summary', () => {
  it('depends on the record state, not on object identity', () => {
    expect(agreementSummaryETag(structuredClone(issued))).toBe(agreementSummaryETag(issued));
    expect(agreementSummaryETag(issued)).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
  });

  // The sealed extras (code, QR, integrity line, history) follow from the chain head and the base.
  it('changes with the agreement version, the chain head, the verification URL and the copy', () => {
    const etag = agreementSummaryETag(issued);
    const changed = [
      { ...issued, agreement: { ...agreement, version: agreement.version + 1 } },
      { ...issued, agreement: { ...agreement, chain: { headSeq: 9, headHash: 'cd'.repeat(32) } } },
      { ...issued, verificationBase: 'https://verify.example.org' },
    ];
    for (const other of changed) expect(agreementSummaryETag(other)).not.toBe(etag);
    const full = {
      ceremony,
      agreements: [agreement, secondAgreement],
      verificationBase: issued.verificationBase,
    };
    expect(
      ceremonySummaryETag({ ...full, copyFor: { party: 'KAZ', agreementsInCeremony: 2 } }),
    ).not.toBe(ceremonySummaryETag(full));
    expect(
      ceremonySummaryETag({ ...full, ceremony: { ...ceremony, version: ceremony.version + 1 } }),
    ).not.toBe(ceremonySummaryETag(full));
  });

  // A chart shows a day (or a moment) of the record, and carries the code of its head.
  it('of a status chart changes with the state, the day, the moment and the verification URL', () => {
    const chart = { ...issued, asOf: '2026-11-30' };
    const etag = statusChartETag(chart);
    expect(statusChartETag(structuredClone(chart))).toBe(etag);
    const changed = [
      { ...chart, agreement: { ...agreement, version: agreement.version + 1 } },
      { ...chart, asOf: '2026-12-01' },
      { ...chart, point: { asRecordedAt: '2026-11-30T12:00:00.000Z' } },
      { ...chart, verificationBase: 'https://verify.example.org' },
    ];
    for (const other of changed) expect(statusChartETag(other)).not.toBe(etag);
    // Asked by day, the chart is the same as the default view of that day.
    expect(statusChartETag({ ...chart, point: { asOf: '2026-11-30' } })).toBe(etag);
    expect(statusChartETag(chart)).not.toBe(agreementSummaryETag(issued));
  });

  // The ETag promises the bytes: if the renderer's output changes, RENDERER_VERSION must too.
  it('is tied to the renderer version, which the sample output pins', async () => {
    const bytes = await renderAgreementSummary(model);
    expect({
      version: RENDERER_VERSION,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    }).toEqual({
      version: '2026-12-01.1',
      sha256: 'c2d187ddcba39330bb287e74a73e27e88defd1d942ce1d4e46c2ab55259bb01e',
    });
  });
});

describe('pdfResult', () => {
  const etag = agreementSummaryETag(issued);

  it('answers a matching If-None-Match with 304 without rendering', async () => {
    const render = vi.fn(async () => ({ etag, bytes: new Uint8Array([1]) }));
    for (const ifNoneMatch of [etag, `"other", ${etag}`, `W/${etag}`, '*']) {
      const result = await pdfResult({ etag, ifNoneMatch, filename: 'a.pdf', render });
      expect(result).toMatchObject({ status: 304, headers: { etag } });
    }
    expect(render).not.toHaveBeenCalled();
  });

  it('renders once otherwise, with the ETag of the state it drew', async () => {
    const drawn = '"drawn-from-a-newer-state"';
    const render = vi.fn(async () => ({ etag: drawn, bytes: new Uint8Array([37, 80, 68, 70]) }));
    const result = await pdfResult({ etag, ifNoneMatch: '"stale"', filename: 'a.pdf', render });
    expect(render).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ status: 200, headers: { etag: drawn } });
    expect(result.binary?.bytes).toEqual(new Uint8Array([37, 80, 68, 70]));
  });
});

describe('render limits', () => {
  /** `count` agreements of 1,000 signatories, every signature made at the ceremony. */
  const ceremonyOf = (count: number) => {
    const agreements = Array.from({ length: count }, (_, i) => ({
      ...largeAgreement(1000),
      id: `agr-${i}`,
      signatories: largeAgreement(1000).signatories.map((s) => ({ ...s, ceremonyId: ceremony.id })),
    }));
    return {
      ceremony: { ...ceremony, agreementIds: agreements.map((a) => a.id) },
      conference,
      agreements,
    };
  };

  it('accept a ceremony summary up to the limit', () => {
    expect(() => assertRenderable(ceremonyOf(MAX_CEREMONY_SUMMARY_ROWS / 1000))).not.toThrow();
  });

  it('refuse the largest documented ceremony early with a 422 naming the limit and what to download', () => {
    let error: unknown;
    try {
      assertRenderable(ceremonyOf(100));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SummaryTooLargeError);
    const { problem } = toProblem(error, 'req-1');
    expect(problem).toMatchObject({
      status: 422,
      type: 'https://signing-tracker.dev/problems/summary-too-large',
      rows: 100_000,
      limit: MAX_CEREMONY_SUMMARY_ROWS,
    });
    expect(problem.detail).toContain('at most 10000');
    expect(problem.detail).toContain('/v1/agreements/{agreementId}/summary.pdf');
    expect(problem.alternatives).toHaveLength(100);
  });
});
