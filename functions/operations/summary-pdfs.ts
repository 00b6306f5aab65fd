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
import { getAgreement } from '../../shared/use-cases/agreements.js';
import {
  agreementSummaryModel,
  ceremonySummaryModel,
  ceremonySummarySource,
  type SummaryDeps,
  statusChartModel,
  statusChartSource,
} from '../../shared/use-cases/summaries.js';

export type PdfDeps = SummaryDeps & { readonly sealer: () => Promise<Sealer> };

/** Seals `bytes`, naming the verification code in the seal. */
const seal = async (deps: PdfDeps, verificationCode: string, bytes: Uint8Array) =>
  (await deps.sealer()).seal(bytes, { verificationCode });

export const getAgreementSummaryPdfOperation = (deps: PdfDeps): Operation =>
  defineOperation(pdfRoutes.getAgreementSummaryPdf, async ({ path, actor, headers, event }) => {
    const verificationBase = publicBaseUrl(event);
    const agreement = await getAgreement({ agreementId: path.agreementId, actor, deps });
    return pdfResult({
      etag: agreementSummaryETag({ agreement, verificationBase }),
      ifNoneMatch: headers['if-none-match'],
      filename: `agreement-${path.agreementId}.pdf`,
      render: async () => {
        const { record, conference } = await agreementSummaryModel(agreement, deps);
        const { code, ...extras } = agreementSummaryExtras(record, verificationBase);
        const bytes = await renderAgreementSummary({
          agreement: record.agreement,
          conference,
          ...extras,
        });
        return {
          etag: agreementSummaryETag({ agreement: record.agreement, verificationBase }),
          bytes: await seal(deps, code, bytes),
        };
      },
    });
  });

export const getCeremonySummaryPdfOperation = (deps: PdfDeps): Operation =>
  defineOperation(pdfRoutes.getCeremonySummaryPdf, async ({ path, actor, headers, event }) => {
    const verificationBase = publicBaseUrl(event);
    const source = await ceremonySummarySource({ ceremonyId: path.ceremonyId, actor, deps });
    assertRenderable(source);
    return pdfResult({
      etag: ceremonySummaryETag({ ...source, verificationBase }),
      ifNoneMatch: headers['if-none-match'],
      filename: `ceremony-${path.ceremonyId}.pdf`,
      render: async () => {
        const { conference, records } = await ceremonySummaryModel(source, deps);
        const { code, ...extras } = ceremonySummaryExtras(
          source.ceremony.id,
          records,
          verificationBase,
        );
        const shown = { ...source, agreements: records.map((record) => record.agreement) };
        const bytes = await renderCeremonySummary({ ...shown, conference, ...extras });
        return {
          etag: ceremonySummaryETag({ ...shown, verificationBase }),
          bytes: await seal(deps, code, bytes),
        };
      },
    });
  });

/** Sealed like the summaries: the chart of the verified record, its code on every page. */
export const getStatusChartPdfOperation = (deps: PdfDeps): Operation =>
  defineOperation(pdfRoutes.getStatusChartPdf, async ({ path, query, actor, headers, event }) => {
    const verificationBase = publicBaseUrl(event);
    const source = await statusChartSource({ agreementId: path.agreementId, query, actor, deps });
    return pdfResult({
      etag: statusChartETag({ ...source, verificationBase }),
      ifNoneMatch: headers['if-none-match'],
      filename: `agreement-${path.agreementId}-status-chart.pdf`,
      render: async () => {
        const { record, model } = await statusChartModel(source, deps);
        const { code, ...extras } = agreementSummaryExtras(record, verificationBase);
        const bytes = await renderStatusChart({ ...model, ...extras });
        return {
          etag: statusChartETag({ ...source, agreement: record.agreement, verificationBase }),
          bytes: await seal(deps, code, bytes),
        };
      },
    });
  });
