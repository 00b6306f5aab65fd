/**
 * What can be known about a summary before drawing it: its ETag, from the
 * record state and the renderer version, and whether it is within what the
 * PDF function can render in its time and memory.
 */
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import { SummaryTooLargeError } from '../domain/errors.js';
import type { AgreementSummaryModel } from './agreement-summary.js';
import { type CeremonySummaryModel, ceremonySummaryRows } from './ceremony-summary.js';
import type { StatusChartModel } from './status-chart.js';
import type { SummaryExtras } from './summary-document.js';

/**
 * Changes whenever the renderer may draw the same state differently (layout,
 * wording, fonts, libraries). A unit test pins the bytes of a sample summary
 * to this version, so that a change in output without a new version fails.
 */
export const RENDERER_VERSION = '2026-11-30.1';

/**
 * Signature rows a ceremony summary may list. Measured (`npm run bench`):
 * 10,000 rows render in a few seconds on one Lambda vCPU with a peak RSS far
 * below ¾ of the function's 1,536 MB; the largest documented ceremony
 * (100 agreements × 1,000 signatories) would be 100,000 rows and thousands
 * of pages, which neither the 20 s timeout nor a reader can take.
 */
export const MAX_CEREMONY_SUMMARY_ROWS = 10_000;

// canonicalize is CommonJS whose types declare an ES default export.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

const digest = (state: unknown) =>
  `"${createHash('sha256')
    .update(`${RENDERER_VERSION}\n${canonicalize(state)}`)
    .digest('base64url')
    .slice(0, 32)}"`;

/**
 * The state a summary shows, named by versions: every change to an agreement
 * bumps its version and moves its chain head; the extras a sealer adds
 * (verification code, attachments, integrity line) are part of it too.
 */
const extrasState = (model: SummaryExtras) => ({
  verification: model.verification?.code ?? null,
  integrity: model.integrity ?? null,
  attachments: (model.attachments ?? []).map((file) => ({
    name: file.name,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
  })),
});

const agreementState = ({ agreement }: { agreement: AgreementSummaryModel['agreement'] }) => ({
  id: agreement.id,
  version: agreement.version,
  head: agreement.chain.headHash,
});

/**
 * Strong ETag of an agreement summary, computed without rendering it, nor
 * reading the conference: a conference never changes once created (no route
 * updates it), and the agreement names it. Should conferences ever become
 * editable, their version belongs here, as in the ceremony's ETag.
 */
export function agreementSummaryETag(model: Omit<AgreementSummaryModel, 'conference'>): string {
  return digest({
    summary: 'agreement',
    agreement: agreementState(model),
    conference: model.agreement.conferenceId,
    ...extrasState(model),
  });
}

/** Strong ETag of a ceremony summary (a member's copy differs from the full one). */
export function ceremonySummaryETag(model: CeremonySummaryModel): string {
  return digest({
    summary: 'ceremony',
    ceremony: { id: model.ceremony.id, version: model.ceremony.version },
    conference: { id: model.conference.id, version: model.conference.version },
    agreements: model.agreements.map((agreement) => agreementState({ agreement })),
    copyFor: model.copyFor ?? null,
    ...extrasState(model),
  });
}

/** Refuses, before any drawing, a ceremony summary larger than the function can render. */
export function assertRenderable(model: CeremonySummaryModel): void {
  const rows = ceremonySummaryRows(model);
  if (rows > MAX_CEREMONY_SUMMARY_ROWS) {
    throw new SummaryTooLargeError(
      `This ceremony summary would list ${rows} signatures; a summary lists at most ${MAX_CEREMONY_SUMMARY_ROWS}. Download each agreement's summary (GET /v1/agreements/{agreementId}/summary.pdf) or the ceremony and agreements as JSON instead.`,
      {
        rows,
        limit: MAX_CEREMONY_SUMMARY_ROWS,
        alternatives: model.agreements.map((a) => `/v1/agreements/${a.id}/summary.pdf`),
      },
    );
  }
}

/** Strong ETag of a status chart: the agreement's chain head and the point in time it shows. */
export function statusChartETag(model: StatusChartModel): string {
  return digest({
    summary: 'status-chart',
    agreement: model.chart.agreement.id,
    head: model.chain.headHash,
    asOf: model.chart.asOf,
    asRecordedAt: model.chart.asRecordedAt ?? null,
  });
}
