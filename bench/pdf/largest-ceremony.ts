/**
 * Run in a fresh process by figure 1 (`node --import tsx largest-ceremony.ts
 * refuse|render`), so that its peak RSS is this work's alone. Prints one JSON
 * line: what the PDF function does with the largest documented ceremony
 * (100 agreements × 1,000 signatories: `refuse` builds the model, checks it
 * and computes the ETag, as the function does before answering 422) or with
 * the largest ceremony it accepts (`render`: as many such agreements as fit
 * under MAX_CEREMONY_SUMMARY_ROWS, rendered).
 */
import type { Agreement, Ceremony } from '../../shared/domain/types.js';
import {
  assertRenderable,
  type CeremonySummaryModel,
  ceremonySummaryETag,
  MAX_CEREMONY_SUMMARY_ROWS,
  renderCeremonySummary,
} from '../../shared/pdf/index.js';
import { benchAgreementModel } from '../lib/model.js';

const CEREMONY_ID = '01GBENCHCER0000000000000000';
const SIGNATORIES = 1000;

function ceremonyModel(agreementCount: number): CeremonySummaryModel {
  const { agreement, conference } = benchAgreementModel(SIGNATORIES);
  const agreements: Agreement[] = Array.from({ length: agreementCount }, (_, i) => ({
    ...agreement,
    id: `${agreement.id.slice(0, -3)}${String(i).padStart(3, '0')}`,
  }));
  const ceremony: Ceremony = {
    id: CEREMONY_ID,
    conferenceId: conference.id,
    title: 'Signing ceremony of the XXIV Summit',
    place: 'Чолпон-Ата, Рух Ордо',
    scheduledAt: '2022-07-26T09:00:00.000Z',
    agreementIds: agreements.map((a) => a.id),
    createdAt: '2022-07-20T06:00:00.000Z',
    version: 1,
  };
  return { ceremony, conference, agreements };
}

const mode = process.argv[2];
const rowsPerAgreement = benchAgreementModel(SIGNATORIES).agreement.signatories.filter(
  (s) => s.ceremonyId === CEREMONY_ID,
).length;
const agreementCount =
  mode === 'refuse' ? 100 : Math.floor(MAX_CEREMONY_SUMMARY_ROWS / rowsPerAgreement);
const model = ceremonyModel(agreementCount);
const start = performance.now();
const cpuStart = process.cpuUsage();
let outcome: { refused: boolean; bytes?: number; detail?: string };
try {
  assertRenderable(model);
  ceremonySummaryETag({ ...model, verificationBase: 'https://api.example.org' });
  outcome = { refused: false, bytes: (await renderCeremonySummary(model)).length };
} catch (error) {
  outcome = { refused: true, detail: (error as Error).message };
}
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(
  `${JSON.stringify({
    mode,
    agreements: agreementCount,
    signatories: SIGNATORIES,
    rows: agreementCount * rowsPerAgreement,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    ...outcome,
  })}\n`,
);
