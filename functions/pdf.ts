import { pdfRoutes } from '../shared/contract/routes/pdf.js';
import { createApiHandler } from '../shared/http/api-handler.js';
import {
  getAgreementSummaryPdfOperation,
  getCeremonySummaryPdfOperation,
  getStatusChartPdfOperation,
} from './operations/summary-pdfs.js';

/** Lambda: PDF summaries (the only function that loads the renderer and fonts). */
export const handler = createApiHandler(pdfRoutes, {
  getAgreementSummaryPdf: getAgreementSummaryPdfOperation,
  getCeremonySummaryPdf: getCeremonySummaryPdfOperation,
  getStatusChartPdf: getStatusChartPdfOperation,
});
