import { ZAgreementPath, ZAgreementQuery, ZCeremonyPath } from '../../schemas/requests.js';
import { binary, defineRoutes, EVERYONE, type RouteSpec } from '../route.js';

/** PDF summaries: the pdf function, the only one that loads the renderer and fonts. */

const pdfResponses = (what: string): RouteSpec['responses'] => ({
  200: {
    description: `The PDF summary of the ${what}, sealed (PAdES \`ETSI.CAdES.detached\` over the whole file) with its verification code and QR code on every page and its agreements' events attached as \`history.ndjson\`. The same state always yields the same content and ETag; the seal's bytes (signing time, signature) differ from one download to the next.`,
    content: { 'application/pdf': binary('application/pdf') },
    headers: ['ETag', 'Cache-Control', 'Content-Disposition'],
  },
  304: {
    description: '`If-None-Match` named the current ETag: the PDF has not changed.',
    headers: ['ETag', 'Cache-Control'],
  },
});

const rendered = { name: 'PdfsRendered', status: 200 } as const;

const drawnFromVerifiedRecord =
  'Drawn only from a verified record: the agreement’s events must verify against its chain head and replay to exactly the stored state; otherwise 500 `integrity-failure` and no PDF.';

export const pdfRoutes = defineRoutes('pdf', {
  getAgreementSummaryPdf: {
    method: 'GET',
    path: '/v1/agreements/{agreementId}/summary.pdf',
    roles: EVERYONE,
    tag: 'PDF summaries',
    summary: 'PDF summary of an agreement',
    description: drawnFromVerifiedRecord,
    problems: [500],
    request: { path: ZAgreementPath },
    conditional: { ifNoneMatch: true },
    responses: pdfResponses('agreement'),
    metric: rendered,
  },
  getCeremonySummaryPdf: {
    method: 'GET',
    path: '/v1/ceremonies/{ceremonyId}/summary.pdf',
    roles: EVERYONE,
    tag: 'PDF summaries',
    summary: 'PDF summary of a signing ceremony',
    description: drawnFromVerifiedRecord,
    problems: [500],
    request: { path: ZCeremonyPath },
    conditional: { ifNoneMatch: true },
    responses: pdfResponses('ceremony'),
    metric: rendered,
  },
  getStatusChartPdf: {
    method: 'GET',
    path: '/v1/agreements/{agreementId}/status-chart.pdf',
    roles: EVERYONE,
    tag: 'Acts',
    summary: 'Chart of signatures and ratifications as a PDF',
    description: `A landscape A4 chart in the manner of the Council of Europe’s chart of signatures and ratifications (about 40 parties a page), with the entry-into-force rule in words and the numbered notes. Takes \`asOf\` or \`asRecordedAt\`: the chart then shows that point in time, and its verification code the record as it is now. ${drawnFromVerifiedRecord}`,
    problems: [500],
    request: { path: ZAgreementPath, query: ZAgreementQuery },
    conditional: { ifNoneMatch: true },
    responses: pdfResponses('status chart'),
    metric: rendered,
  },
});
