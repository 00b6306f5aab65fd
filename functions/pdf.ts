import { createApiHandler } from '../shared/http/api-handler.js';
import { DynamoAuditStore } from '../shared/store/dynamodb-audit-store.js';
import type { SummaryDeps } from '../shared/use-cases/summaries.js';
import { config, deps, documentClient } from './deps.js';
import {
  getAgreementSummaryPdfOperation,
  getCeremonySummaryPdfOperation,
} from './operations/summary-pdfs.js';

/** Built once per container: summaries read the events too, to verify what they show. */
const summaryDeps: SummaryDeps = {
  ...deps,
  audit: new DynamoAuditStore(documentClient, config.tableName),
};

/** Lambda: PDF summaries (the only function that loads the renderer and fonts). */
export const handler = createApiHandler('pdf', {
  getAgreementSummaryPdf: getAgreementSummaryPdfOperation(summaryDeps),
  getCeremonySummaryPdf: getCeremonySummaryPdfOperation(summaryDeps),
});
