import { pdfRoutes } from '../../shared/contract/routes/pdf.js';
import { defineOperation } from '../../shared/http/operation.js';
import { pdfResult } from '../../shared/http/pdf-result.js';
import {
  agreementSummaryETag,
  assertRenderable,
  ceremonySummaryETag,
  renderAgreementSummary,
  renderCeremonySummary,
} from '../../shared/pdf/index.js';
import { agreementSummarySource, ceremonySummaryModel } from '../../shared/use-cases/summaries.js';
import { deps } from '../deps.js';

export const getAgreementSummaryPdfOperation = defineOperation(
  pdfRoutes.getAgreementSummaryPdf,
  async ({ path, actor, headers }) => {
    const { agreement, conference } = await agreementSummarySource({
      agreementId: path.agreementId,
      actor,
      deps,
    });
    return pdfResult({
      etag: agreementSummaryETag({ agreement }),
      ifNoneMatch: headers['if-none-match'],
      filename: `agreement-${path.agreementId}.pdf`,
      render: async () => renderAgreementSummary({ agreement, conference: await conference() }),
    });
  },
);

export const getCeremonySummaryPdfOperation = defineOperation(
  pdfRoutes.getCeremonySummaryPdf,
  async ({ path, actor, headers }) => {
    const model = await ceremonySummaryModel({ ceremonyId: path.ceremonyId, actor, deps });
    assertRenderable(model);
    return pdfResult({
      etag: ceremonySummaryETag(model),
      ifNoneMatch: headers['if-none-match'],
      filename: `ceremony-${path.ceremonyId}.pdf`,
      render: () => renderCeremonySummary(model),
    });
  },
);
