import { renderAgreementSummary } from '../../shared/pdf/index.js';
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
  return { rows, data: { ...options, bySignatories: data } };
}
