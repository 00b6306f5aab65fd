import { pdfRoutes } from '../../shared/contract/routes/pdf.js';
import { defineOperation, type Operation } from '../../shared/http/operation.js';
import { pdfResult } from '../../shared/http/pdf-result.js';
import { publicBaseUrl } from '../../shared/http/public-url.js';
import {
  agreementSummaryETag,
  assertRenderable,
  ceremonySummaryETag,
  renderAgreementSummary,
  renderCeremonySummary,
  renderStatusChart,
  statusChartETag,
} from '../../shared/pdf/index.js';
import type { Sealer } from '../../shared/seal/sealer.js';
import { agreementSummaryExtras, ceremonySummaryExtras } from '../../shared/seal/summary-extras.js';
import {
  agreementSummaryModel,
  ceremonySummaryModel,
  type SummaryDeps,
  statusChartModel,
} from '../../shared/use-cases/summaries.js';

export type PdfDeps = SummaryDeps & { readonly sealer: () => Promise<Sealer> };

/** Renders, then seals naming the verification code in the seal. */
const sealed =
  (deps: PdfDeps, verificationCode: string, render: () => Promise<Uint8Array>) => async () =>
    (await deps.sealer()).seal(await render(), { verificationCode });

export const getAgreementSummaryPdfOperation = (deps: PdfDeps): Operation =>
  defineOperation(pdfRoutes.getAgreementSummaryPdf, async ({ path, actor, headers, event }) => {
    const { record, conference } = await agreementSummaryModel({
      agreementId: path.agreementId,
      actor,
      deps,
    });
    const { code, ...extras } = agreementSummaryExtras(record, publicBaseUrl(event));
    return pdfResult({
      etag: agreementSummaryETag({ agreement: record.agreement }),
      ifNoneMatch: headers['if-none-match'],
      filename: `agreement-${path.agreementId}.pdf`,
      render: sealed(deps, code, () =>
        renderAgreementSummary({ agreement: record.agreement, conference, ...extras }),
      ),
    });
  });

export const getCeremonySummaryPdfOperation = (deps: PdfDeps): Operation =>
  defineOperation(pdfRoutes.getCeremonySummaryPdf, async ({ path, actor, headers, event }) => {
    const { ceremony, conference, records, copyFor } = await ceremonySummaryModel({
      ceremonyId: path.ceremonyId,
      actor,
      deps,
    });
    const { code, ...extras } = ceremonySummaryExtras(ceremony.id, records, publicBaseUrl(event));
    const model = {
      ceremony,
      conference,
      agreements: records.map((record) => record.agreement),
      ...(copyFor && { copyFor }),
      ...extras,
    };
    assertRenderable(model);
    return pdfResult({
      etag: ceremonySummaryETag(model),
      ifNoneMatch: headers['if-none-match'],
      filename: `ceremony-${path.ceremonyId}.pdf`,
      render: sealed(deps, code, () => renderCeremonySummary(model)),
    });
  });

/** The status chart is not a sealed summary: it is a view, like the JSON chart. */
export const getStatusChartPdfOperation = (deps: PdfDeps): Operation =>
  defineOperation(pdfRoutes.getStatusChartPdf, async ({ path, query, actor, headers }) => {
    const model = await statusChartModel({ agreementId: path.agreementId, query, actor, deps });
    return pdfResult({
      etag: statusChartETag(model),
      ifNoneMatch: headers['if-none-match'],
      filename: `agreement-${path.agreementId}-status-chart.pdf`,
      render: () => renderStatusChart(model),
    });
  });
