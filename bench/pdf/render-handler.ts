import { renderAgreementSummary } from '../../shared/pdf/index.js';
import { benchAgreementModel } from '../lib/model.js';

/**
 * Entry bundled by the benchmark for figure 6: a fresh process renders one
 * agreement summary (`event.signatories` rows) with the project's renderer
 * and nothing else, so its peak RSS is the renderer's (run by invoke.mjs).
 */
export async function handler(event: { signatories: number }) {
  const bytes = await renderAgreementSummary(benchAgreementModel(event.signatories));
  return { statusCode: 200, body: String(bytes.length) };
}
