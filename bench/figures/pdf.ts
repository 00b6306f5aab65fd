import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MAX_CEREMONY_SUMMARY_ROWS, renderAgreementSummary } from '../../shared/pdf/index.js';
import type { BenchApi } from '../lib/api.js';
import { benchAgreementModel } from '../lib/model.js';
import { type FigureResult, type Row, verdict } from '../lib/report.js';
import {
  formatBytes,
  formatMs,
  formatRatio,
  now,
  ratio,
  round,
  type Summary,
  summarize,
} from '../lib/stats.js';
import { summaryContent } from '../pdf/content.js';
import { renderNaivePdfLib } from '../pdf/naive-pdf-lib.js';
import { renderPdfKit } from '../pdf/pdfkit.js';

/**
 * Figure 1: the agreement summary of 5, 50 and 300 signatories by the
 * project's renderer, a straightforward pdf-lib rendering and PDFKit, in
 * the same process, interleaved round by round (the order rotates) so that
 * load from elsewhere on the machine falls on all three alike.
 */

type Renderer = 'project' | 'naivePdfLib' | 'pdfkit';
const RENDERERS: readonly Renderer[] = ['project', 'naivePdfLib', 'pdfkit'];

export interface PdfOptions {
  readonly sizes: readonly number[];
  readonly warmup: number;
  readonly rounds: number;
}

interface Measured {
  readonly ms: Summary;
  readonly bytes: number;
}

export async function pdfFigure(options: PdfOptions): Promise<FigureResult> {
  const rows: Row[] = [];
  const data: Record<string, Record<Renderer, Measured> & Record<string, unknown>> = {};
  for (const n of options.sizes) {
    const model = benchAgreementModel(n);
    const content = summaryContent(model);
    const render: Record<Renderer, () => Promise<Uint8Array>> = {
      project: () => renderAgreementSummary(model),
      naivePdfLib: () => renderNaivePdfLib(content),
      pdfkit: () => renderPdfKit(content),
    };
    const samples: Record<Renderer, number[]> = { project: [], naivePdfLib: [], pdfkit: [] };
    const bytes: Record<Renderer, number> = { project: 0, naivePdfLib: 0, pdfkit: 0 };
    for (let i = 0; i < options.warmup; i++) {
      for (const renderer of RENDERERS) bytes[renderer] = (await render[renderer]()).length;
    }
    for (let i = 0; i < options.rounds; i++) {
      for (let j = 0; j < RENDERERS.length; j++) {
        const renderer = RENDERERS[(i + j) % RENDERERS.length]!;
        const start = now();
        const output = await render[renderer]();
        samples[renderer].push(now() - start);
        bytes[renderer] = output.length;
      }
    }
    const measured = Object.fromEntries(
      RENDERERS.map((renderer) => [
        renderer,
        { ms: summarize(samples[renderer]), bytes: bytes[renderer] },
      ]),
    ) as Record<Renderer, Measured>;
    const vsNaive = ratio(measured.project.ms.median, measured.naivePdfLib.ms.median);
    const vsPdfkit = ratio(measured.project.ms.median, measured.pdfkit.ms.median);
    data[String(n)] = {
      ...measured,
      ratioToNaivePdfLib: round(vsNaive, 3),
      ratioToPdfkit: round(vsPdfkit, 3),
    };
    const project = `${formatMs(measured.project.ms)}, ${formatBytes(measured.project.bytes)}`;
    const at300 = n === 300;
    rows.push(
      {
        figure: '1',
        measure: `PDF ${n} signatories vs naive pdf-lib`,
        project,
        baseline: `${formatMs(measured.naivePdfLib.ms)}, ${formatBytes(measured.naivePdfLib.bytes)}`,
        ratio: formatRatio(vsNaive),
        goal: at300 ? '≤ 0.50× (≥2× faster)' : '',
        verdict: at300 ? verdict(vsNaive <= 0.5) : '',
      },
      {
        figure: '1',
        measure: `PDF ${n} signatories vs pdfkit`,
        project,
        baseline: `${formatMs(measured.pdfkit.ms)}, ${formatBytes(measured.pdfkit.bytes)}`,
        ratio: formatRatio(vsPdfkit),
        goal: at300 ? '≤ 1.00× (no slower)' : '',
        verdict: at300 ? verdict(vsPdfkit <= 1) : '',
      },
    );
  }
  const largest = largestCeremonyRows();
  rows.push(...largest.rows);
  return { rows, data: { ...options, bySignatories: data, largestCeremony: largest.data } };
}

/** ¾ of the PDF function's memory setting (cdk/config.ts), the ceiling for its peak RSS. */
const PDF_RSS_CEILING_MB = (1536 * 3) / 4;

interface CeremonyRun {
  readonly agreements: number;
  readonly rows: number;
  readonly ms: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly refused: boolean;
  readonly bytes?: number;
}

/** Runs bench/pdf/largest-ceremony.ts in a fresh process (so its peak RSS is its own). */
function ceremonyRun(mode: 'refuse' | 'render'): CeremonyRun {
  const script = fileURLToPath(new URL('../pdf/largest-ceremony.ts', import.meta.url));
  const output = execFileSync(process.execPath, ['--import', 'tsx', script, mode], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(output) as CeremonyRun;
}

/**
 * The largest documented ceremony (100 agreements × 1,000 signatories): what
 * the PDF function does with it (an early refusal, timed) and with the
 * largest ceremony it accepts (rendered: time, CPU and peak RSS).
 */
function largestCeremonyRows(): { rows: Row[]; data: Record<string, CeremonyRun> } {
  const refuse = ceremonyRun('refuse');
  const render = ceremonyRun('render');
  const rss = (run: CeremonyRun) => `peak RSS ${run.peakRssMb.toFixed(0)} MB`;
  return {
    data: { refuse, render },
    rows: [
      {
        figure: '1',
        measure: `largest documented ceremony, 100 × 1,000 (${refuse.rows} rows)`,
        project: refuse.refused
          ? `refused (422) after ${refuse.ms.toFixed(0)} ms (CPU ${refuse.cpuMs.toFixed(0)} ms), ${rss(refuse)}`
          : `rendered in ${refuse.ms.toFixed(0)} ms, ${rss(refuse)}`,
        baseline: `limit ${MAX_CEREMONY_SUMMARY_ROWS} rows`,
        ratio: '',
        goal: 'refused early or rendered; never a 500',
        verdict: verdict(refuse.refused && refuse.ms < 5_000),
      },
      {
        figure: '1',
        measure: `largest accepted ceremony, ${render.agreements} × 1,000 (${render.rows} rows), fresh process`,
        project: `${render.ms.toFixed(0)} ms (CPU ${render.cpuMs.toFixed(0)} ms), ${formatBytes(render.bytes ?? 0)}, ${rss(render)}`,
        baseline: 'pdf function: 1,536 MB, 20 s',
        ratio: '',
        goal: `peak RSS ≤ ${PDF_RSS_CEILING_MB} MB (¾ of 1,536)`,
        verdict: verdict(!render.refused && render.peakRssMb <= PDF_RSS_CEILING_MB),
      },
    ],
  };
}

/**
 * Figure 8: a PDF summary revalidated with a matching If-None-Match (304,
 * answered from the record state without rendering) against reading the
 * agreement as JSON, over the same local API, interleaved.
 */
export async function conditionalPdfFigure(options: {
  readonly api: BenchApi;
  readonly agreementId: string;
  readonly warmup: number;
  readonly samples: number;
}): Promise<FigureResult> {
  const { api, agreementId } = options;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const start = now();
    const response = await fetch(api.url + path, {
      headers: { authorization: `Bearer ${api.tokens.secretariat}`, ...headers },
    });
    await response.arrayBuffer();
    return { ms: now() - start, status: response.status, etag: response.headers.get('etag') };
  };
  const pdfPath = `/v1/agreements/${agreementId}/summary.pdf`;
  const first = await get(pdfPath);
  if (first.status !== 200 || !first.etag) throw new Error(`summary.pdf answered ${first.status}`);
  const etag = first.etag;
  const samples = { notModified: [] as number[], agreement: [] as number[] };
  const statuses = new Map<number, number>();
  for (let i = 0; i < options.warmup + options.samples; i++) {
    const pair = [
      ['notModified', () => get(pdfPath, { 'if-none-match': etag })],
      ['agreement', () => get(`/v1/agreements/${agreementId}`)],
    ] as const;
    for (const [name, request] of i % 2 === 0 ? pair : [...pair].reverse()) {
      const { ms, status } = await request();
      if (i < options.warmup) continue;
      samples[name].push(ms);
      if (name === 'notModified') statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }
  const notModified = summarize(samples.notModified);
  const agreement = summarize(samples.agreement);
  const vsAgreement = ratio(notModified.median, agreement.median);
  const codes = [...statuses].map(([code, n]) => `${n}×${code}`).join(' ');
  return {
    rows: [
      {
        figure: '8',
        measure: 'PDF revalidation: If-None-Match → 304 vs GET /v1/agreements/{id}',
        project: `${formatMs(notModified)} [${codes}]`,
        baseline: formatMs(agreement),
        ratio: formatRatio(vsAgreement),
        goal: '≤ 1.20×',
        verdict: verdict(vsAgreement <= 1.2 && statuses.get(304) === options.samples),
      },
    ],
    data: {
      warmup: options.warmup,
      samples: options.samples,
      notModified,
      agreement,
      ratio: round(vsAgreement, 3),
    },
  };
}
