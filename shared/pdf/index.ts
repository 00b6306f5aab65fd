/**
 * PDF summaries of the signing record: pure functions from entities to the
 * bytes of an A4 document whose text layer gives back exactly the text, in
 * every script (see fonts.ts and shaping.ts), plus what can be known before
 * rendering: the ETag and whether the summary is within the render limits.
 */
export { type AgreementSummaryModel, renderAgreementSummary } from './agreement-summary.js';
export { type CeremonySummaryModel, renderCeremonySummary } from './ceremony-summary.js';
export type { Verification } from './layout.js';
export { renderStatusChart, type StatusChartModel } from './status-chart.js';
export type { Attachment, SignatureField, SummaryExtras } from './summary-document.js';
export {
  agreementSummaryETag,
  assertRenderable,
  ceremonySummaryETag,
  MAX_CEREMONY_SUMMARY_ROWS,
  RENDERER_VERSION,
  statusChartETag,
} from './summary-state.js';
