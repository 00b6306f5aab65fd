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
  type SignatureField,
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

/** Renders with the seal's signature field, which names the verification code, and seals. */
async function sealed(
  deps: PdfDeps,
  verificationCode: string,
  render: (signatureField: SignatureField) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const sealer = await deps.sealer();
  return sealer.seal(await render(await sealer.signatureField({ verificationCode })));
}

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
        return {
          etag: agreementSummaryETag({ agreement: record.agreement, verificationBase }),
          bytes: await sealed(deps, code, (signatureField) =>
            renderAgreementSummary({
              agreement: record.agreement,
              conference,
              ...extras,
              signatureField,
            }),
          ),
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
        return {
          etag: ceremonySummaryETag({ ...shown, verificationBase }),
          bytes: await sealed(deps, code, (signatureField) =>
            renderCeremonySummary({ ...shown, conference, ...extras, signatureField }),
          ),
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
        return {
          etag: statusChartETag({ ...source, agreement: record.agreement, verificationBase }),
          bytes: await sealed(deps, code, (signatureField) =>
            renderStatusChart({ ...model, ...extras, signatureField }),
          ),
        };
      },
    });
  });
