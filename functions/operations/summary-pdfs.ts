import { pdfRoutes } from '../../shared/contract/routes/pdf.js';
import { defineOperation } from '../../shared/http/operation.js';
import { pdfResult } from '../../shared/http/pdf-result.js';
import {
  renderAgreementSummary,
  renderCeremonySummary,
  renderStatusChart,
} from '../../shared/pdf/index.js';
import {
  agreementSummaryModel,
  ceremonySummaryModel,
  statusChartModel,
} from '../../shared/use-cases/summaries.js';
import { deps } from '../deps.js';

export const getAgreementSummaryPdfOperation = defineOperation(
  pdfRoutes.getAgreementSummaryPdf,
  async ({ path, actor, headers }) => {
    const bytes = await renderAgreementSummary(
      await agreementSummaryModel({ agreementId: path.agreementId, actor, deps }),
    );
    return pdfResult(bytes, headers['if-none-match'], `agreement-${path.agreementId}.pdf`);
  },
);

export const getCeremonySummaryPdfOperation = defineOperation(
  pdfRoutes.getCeremonySummaryPdf,
  async ({ path, actor, headers }) => {
    const bytes = await renderCeremonySummary(
      await ceremonySummaryModel({ ceremonyId: path.ceremonyId, actor, deps }),
    );
    return pdfResult(bytes, headers['if-none-match'], `ceremony-${path.ceremonyId}.pdf`);
  },
);

export const getStatusChartPdfOperation = defineOperation(
  pdfRoutes.getStatusChartPdf,
  async ({ path, query, actor, headers }) => {
    const bytes = await renderStatusChart(
      await statusChartModel({ agreementId: path.agreementId, query, actor, deps }),
    );
    return pdfResult(
      bytes,
      headers['if-none-match'],
      `agreement-${path.agreementId}-status-chart.pdf`,
    );
  },
);
