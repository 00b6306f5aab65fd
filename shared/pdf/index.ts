/**
 * PDF summaries of the signing record: pure functions from entities to the
 * bytes of an A4 document, set in embedded DejaVu Sans so that Latin and
 * Cyrillic names are real, extractable text.
 */
export { type AgreementSummaryModel, renderAgreementSummary } from './agreement-summary.js';
export { type CeremonySummaryModel, renderCeremonySummary } from './ceremony-summary.js';
export { renderStatusChart, type StatusChartModel } from './status-chart.js';
