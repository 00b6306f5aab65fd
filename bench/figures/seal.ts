import { renderAgreementSummary } from '../../shared/pdf/index.js';
import { openLocalSealKey } from '../../shared/seal/local-seal-key.js';
import { padesSealer } from '../../shared/seal/sealer.js';
import { benchAgreementModel } from '../lib/model.js';
import type { FigureResult, Row } from '../lib/report.js';
import { formatBytes, formatMs, formatRatio, now, ratio, round, summarize } from '../lib/stats.js';

/**
 * Figure 7: what the seal adds to a summary. The same summary, rendered
 * with its signature field, is sealed again and again (PAdES with @signpdf
 * and pkijs: fill in the byte range, hash the file around /Contents, build
 * the CMS, sign with the local P-256 key), against rendering it, in one process. In
 * AWS the ECDSA signature is a KMS `Sign` call instead (a network round
 * trip of a few milliseconds, not measured here).
 */

export interface SealOptions {
  readonly sizes: readonly number[];
  readonly warmup: number;
  readonly rounds: number;
  readonly keyDir: string;
}

export async function sealFigure(options: SealOptions): Promise<FigureResult> {
  const sealer = padesSealer(await openLocalSealKey(options.keyDir));
  const rows: Row[] = [];
  const data: Record<string, unknown> = {};
  for (const n of options.sizes) {
    const model = benchAgreementModel(n);
    const signatureField = await sealer.signatureField({ verificationCode: 'BENCH-CODE' });
    const withField = await renderAgreementSummary({ ...model, signatureField });
    // What the seal adds to the file: the field, its room for the CMS, and the CMS.
    const unsealed = await renderAgreementSummary(model);
    const seal = () => sealer.seal(withField);
    let sealed = await seal();
    for (let i = 1; i < options.warmup; i++) await seal();
    const sealMs: number[] = [];
    const renderMs: number[] = [];
    for (let i = 0; i < options.rounds; i++) {
      // Interleaved, so that load from elsewhere falls on both alike.
      let start = now();
      await renderAgreementSummary(model);
      renderMs.push(now() - start);
      start = now();
      sealed = await seal();
      sealMs.push(now() - start);
    }
    const sealing = summarize(sealMs);
    const rendering = summarize(renderMs);
    const share = ratio(sealing.median, rendering.median);
    data[String(n)] = {
      sealMs: sealing,
      renderMs: rendering,
      unsealedBytes: unsealed.length,
      sealedBytes: sealed.length,
      sealToRender: round(share, 3),
    };
    rows.push({
      figure: '7',
      measure: `seal one PDF (${n} signatories) vs rendering it`,
      project: `${formatMs(sealing)}, +${formatBytes(sealed.length - unsealed.length)}`,
      baseline: `render ${formatMs(rendering)}, ${formatBytes(unsealed.length)}`,
      ratio: formatRatio(share),
      goal: '',
      verdict: '',
    });
  }
  return { rows, data: { ...options, bySignatories: data } };
}
