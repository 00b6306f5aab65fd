import { pdfRoutes } from '../../shared/contract/routes/pdf.js';
import { groupedCode, verificationCodeOf } from '../../shared/domain/verification-code.js';
import { defineOperation, type Operation } from '../../shared/http/operation.js';
import { pdfResult } from '../../shared/http/pdf-result.js';
import {
  renderAgreementSummary,
  renderCeremonySummary,
  renderStatusChart,
} from '../../shared/pdf/index.js';
import type { Sealer } from '../../shared/seal/sealer.js';
import {
  agreementSummaryModel,
  ceremonySummaryModel,
  type SummaryDeps,
  statusChartModel,
} from '../../shared/use-cases/summaries.js';
import { agreementSubject, ceremonySubject } from '../../shared/use-cases/verifications.js';

export type PdfDeps = SummaryDeps & { readonly sealer: () => Promise<Sealer> };

/** Seals the rendered summary, naming its verification code in the seal. */
const sealWith = (deps: PdfDeps, code: string) => async (unsealed: Uint8Array) =>
  (await deps.sealer()).seal(unsealed, { verificationCode: groupedCode(code) });

export const getAgreementSummaryPdfOperation = (deps: PdfDeps): Operation =>
  defineOperation(pdfRoutes.getAgreementSummaryPdf, async ({ path, actor, headers }) => {
    const { record, conference } = await agreementSummaryModel({
      agreementId: path.agreementId,
      actor,
      deps,
    });
    const code = verificationCodeOf(agreementSubject(record));
    const unsealed = await renderAgreementSummary({ agreement: record.agreement, conference });
    return pdfResult(
      unsealed,
      headers['if-none-match'],
      `agreement-${path.agreementId}.pdf`,
      sealWith(deps, code),
    );
  });

export const getCeremonySummaryPdfOperation = (deps: PdfDeps): Operation =>
  defineOperation(pdfRoutes.getCeremonySummaryPdf, async ({ path, actor, headers }) => {
    const { ceremony, conference, records } = await ceremonySummaryModel({
      ceremonyId: path.ceremonyId,
      actor,
      deps,
    });
    const code = verificationCodeOf(ceremonySubject(ceremony.id, records));
    const unsealed = await renderCeremonySummary({
      ceremony,
      conference,
      agreements: records.map((record) => record.agreement),
    });
    return pdfResult(
      unsealed,
      headers['if-none-match'],
      `ceremony-${path.ceremonyId}.pdf`,
      sealWith(deps, code),
    );
  });

/** The status chart is not a sealed summary: it is a view, like the JSON chart. */
export const getStatusChartPdfOperation = (deps: PdfDeps): Operation =>
  defineOperation(pdfRoutes.getStatusChartPdf, async ({ path, query, actor, headers }) => {
    const bytes = await renderStatusChart(
      await statusChartModel({ agreementId: path.agreementId, query, actor, deps }),
    );
    return pdfResult(
      bytes,
      headers['if-none-match'],
      `agreement-${path.agreementId}-status-chart.pdf`,
      async (unsealed) => unsealed,
    );
  });
