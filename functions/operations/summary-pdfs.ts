import { pdfRoutes } from '../../shared/contract/routes/pdf.js';
import { defineOperation, type Operation } from '../../shared/http/operation.js';
import { pdfResult } from '../../shared/http/pdf-result.js';
import { publicBaseUrl } from '../../shared/http/public-url.js';
import { renderAgreementSummary, renderCeremonySummary } from '../../shared/pdf/index.js';
import type { Sealer } from '../../shared/seal/sealer.js';
import { agreementSummaryExtras, ceremonySummaryExtras } from '../../shared/seal/summary-extras.js';
import {
  agreementSummaryModel,
  ceremonySummaryModel,
  type SummaryDeps,
} from '../../shared/use-cases/summaries.js';

export type PdfDeps = SummaryDeps & { readonly sealer: () => Promise<Sealer> };

/** Seals the rendered summary, naming its verification code in the seal. */
const sealWith = (deps: PdfDeps, verificationCode: string) => async (unsealed: Uint8Array) =>
  (await deps.sealer()).seal(unsealed, { verificationCode });

export const getAgreementSummaryPdfOperation = (deps: PdfDeps): Operation =>
  defineOperation(pdfRoutes.getAgreementSummaryPdf, async ({ path, actor, headers, event }) => {
    const { record, conference } = await agreementSummaryModel({
      agreementId: path.agreementId,
      actor,
      deps,
    });
    const { code, ...extras } = agreementSummaryExtras(record, publicBaseUrl(event));
    const unsealed = await renderAgreementSummary({
      agreement: record.agreement,
      conference,
      ...extras,
    });
    return pdfResult(
      unsealed,
      headers['if-none-match'],
      `agreement-${path.agreementId}.pdf`,
      sealWith(deps, code),
    );
  });

export const getCeremonySummaryPdfOperation = (deps: PdfDeps): Operation =>
  defineOperation(pdfRoutes.getCeremonySummaryPdf, async ({ path, actor, headers, event }) => {
    const { ceremony, conference, records } = await ceremonySummaryModel({
      ceremonyId: path.ceremonyId,
      actor,
      deps,
    });
    const { code, ...extras } = ceremonySummaryExtras(ceremony.id, records, publicBaseUrl(event));
    const unsealed = await renderCeremonySummary({
      ceremony,
      conference,
      agreements: records.map((record) => record.agreement),
      ...extras,
    });
    return pdfResult(
      unsealed,
      headers['if-none-match'],
      `ceremony-${path.ceremonyId}.pdf`,
      sealWith(deps, code),
    );
  });
