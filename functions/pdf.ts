import { pdfRoutes } from '../shared/contract/routes/pdf.js';
import { createApiHandler } from '../shared/http/api-handler.js';
import { onceUntilFailure } from '../shared/seal/once-until-failure.js';
import { sealKeyFromEnv } from '../shared/seal/seal-key-from-env.js';
import { padesSealer } from '../shared/seal/sealer.js';
import { DynamoAuditStore } from '../shared/store/dynamodb-audit-store.js';
import { config, deps, documentClient } from './deps.js';
import {
  getAgreementSummaryPdfOperation,
  getCeremonySummaryPdfOperation,
  getStatusChartPdfOperation,
  type PdfDeps,
} from './operations/summary-pdfs.js';

/**
 * Built once per container: summaries read the events too (to verify what
 * they show), and are sealed by the service's key (the only function that
 * may use it).
 */
const pdfDeps: PdfDeps = {
  ...deps,
  audit: new DynamoAuditStore(documentClient, config.tableName),
  sealer: onceUntilFailure(() => sealKeyFromEnv().then(padesSealer)),
};

/** Lambda: PDF summaries (the only function that loads the renderer and fonts, and seals). */
export const handler = createApiHandler(pdfRoutes, {
  getAgreementSummaryPdf: getAgreementSummaryPdfOperation(pdfDeps),
  getCeremonySummaryPdf: getCeremonySummaryPdfOperation(pdfDeps),
  getStatusChartPdf: getStatusChartPdfOperation(pdfDeps),
});
