import { defineOperation, type Operation } from '../../shared/http/operation.js';
import { pdfResult } from '../../shared/http/pdf-result.js';
import { renderAgreementSummary, renderCeremonySummary } from '../../shared/pdf/index.js';
import { ZAgreementPath, ZCeremonyPath } from '../../shared/schemas/requests.js';
import {
  agreementSummaryModel,
  ceremonySummaryModel,
  type SummaryDeps,
} from '../../shared/use-cases/summaries.js';

export const getAgreementSummaryPdfOperation = (deps: SummaryDeps): Operation =>
  defineOperation({
    path: ZAgreementPath,
    run: async ({ path, actor, headers }) => {
      const { record, conference } = await agreementSummaryModel({
        agreementId: path.agreementId,
        actor,
        deps,
      });
      const bytes = await renderAgreementSummary({ agreement: record.agreement, conference });
      return pdfResult(bytes, headers['if-none-match'], `agreement-${path.agreementId}.pdf`);
    },
  });

export const getCeremonySummaryPdfOperation = (deps: SummaryDeps): Operation =>
  defineOperation({
    path: ZCeremonyPath,
    run: async ({ path, actor, headers }) => {
      const { ceremony, conference, records } = await ceremonySummaryModel({
        ceremonyId: path.ceremonyId,
        actor,
        deps,
      });
      const bytes = await renderCeremonySummary({
        ceremony,
        conference,
        agreements: records.map((record) => record.agreement),
      });
      return pdfResult(bytes, headers['if-none-match'], `ceremony-${path.ceremonyId}.pdf`);
    },
  });
