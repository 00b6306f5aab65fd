import { pdfRoutes } from '../../shared/contract/routes/pdf.js';
import { groupedCode, verificationCodeOf } from '../../shared/domain/verification-code.js';
import { defineOperation, type Operation } from '../../shared/http/operation.js';
import { pdfResult } from '../../shared/http/pdf-result.js';
import {
  agreementSummaryETag,
  assertRenderable,
  ceremonySummaryETag,
  renderAgreementSummary,
  renderCeremonySummary,
} from '../../shared/pdf/index.js';
import type { Sealer } from '../../shared/seal/sealer.js';
import {
  agreementSummaryModel,
  ceremonySummaryModel,
  type SummaryDeps,
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
    return pdfResult({
      etag: agreementSummaryETag({ agreement: record.agreement }),
      ifNoneMatch: headers['if-none-match'],
      filename: `agreement-${path.agreementId}.pdf`,
      render: async () =>
        sealWith(
          deps,
          code,
        )(await renderAgreementSummary({ agreement: record.agreement, conference })),
    });
  });

export const getCeremonySummaryPdfOperation = (deps: PdfDeps): Operation =>
  defineOperation(pdfRoutes.getCeremonySummaryPdf, async ({ path, actor, headers }) => {
    const { ceremony, conference, records, copyFor } = await ceremonySummaryModel({
      ceremonyId: path.ceremonyId,
      actor,
      deps,
    });
    const code = verificationCodeOf(ceremonySubject(ceremony.id, records));
    const model = {
      ceremony,
      conference,
      agreements: records.map((record) => record.agreement),
      ...(copyFor && { copyFor }),
    };
    assertRenderable(model);
    return pdfResult({
      etag: ceremonySummaryETag(model),
      ifNoneMatch: headers['if-none-match'],
      filename: `ceremony-${path.ceremonyId}.pdf`,
      render: async () => sealWith(deps, code)(await renderCeremonySummary(model)),
    });
  });
