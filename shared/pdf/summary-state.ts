/**
 * What can be known about a summary before drawing it: its ETag, from the
 * record state and the renderer version, and whether it is within what the
 * PDF function can render in its time and memory.
 */
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { PointInTime } from '../domain/agreement-view.js';
import type { CalendarDate } from '../domain/calendar-date.js';
import { SummaryTooLargeError } from '../domain/errors.js';
import type { Agreement } from '../domain/types.js';
import { type CeremonySummaryModel, ceremonySummaryRows } from './ceremony-summary.js';

/**
 * Changes whenever the renderer may draw the same state differently (layout,
 * wording, fonts, libraries), and whenever what the seal adds from the same
 * chain changes (the verification code's form, the integrity line, the
 * attached history's format). A unit test pins the bytes of a sample summary
 * to this version, so that a change in output without a new version fails.
 */
export const RENDERER_VERSION = '2026-12-01.1';

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
 * bumps its version and moves its chain head. What a sealer adds (the
 * verification code and QR, the integrity line, the attached history)
 * follows from the chain heads once they are verified, and from the base of
 * the verification URL; so the ETag is known from the stored state alone,
 * before the events are read.
 */
const agreementState = (agreement: Agreement) => ({
  id: agreement.id,
  version: agreement.version,
  head: agreement.chain.headHash,
});

/** Where the summary's verification URL points (printed on every page), e.g. `https://api.example.org`. */
export interface SummaryIssue {
  readonly verificationBase: string;
}

/**
 * Strong ETag of an agreement summary, without rendering it nor reading its
 * events or conference: a conference never changes once created (no route
 * updates it), and the agreement names it. Should conferences ever become
 * editable, their version belongs here.
 */
export function agreementSummaryETag(source: SummaryIssue & { agreement: Agreement }): string {
  return digest({
    summary: 'agreement',
    agreement: agreementState(source.agreement),
    conference: source.agreement.conferenceId,
    verificationBase: source.verificationBase,
  });
}

/** Strong ETag of a ceremony summary (a member's copy differs from the full one). */
export function ceremonySummaryETag(
  source: SummaryIssue & Pick<CeremonySummaryModel, 'ceremony' | 'agreements' | 'copyFor'>,
): string {
  return digest({
    summary: 'ceremony',
    ceremony: { id: source.ceremony.id, version: source.ceremony.version },
    conference: source.ceremony.conferenceId,
    agreements: source.agreements.map(agreementState),
    copyFor: source.copyFor ?? null,
    verificationBase: source.verificationBase,
  });
}

/** Refuses, before any drawing, a ceremony summary larger than the function can render. */
export function assertRenderable(
  model: Pick<CeremonySummaryModel, 'ceremony' | 'agreements'>,
): void {
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

/**
 * Strong ETag of a status chart: the agreement's state (the verification
 * code it carries names the chain head), the day its standings are for, and
 * the moment of the record shown, if one was asked.
 */
export function statusChartETag(
  source: SummaryIssue & { agreement: Agreement; asOf: CalendarDate; point?: PointInTime },
): string {
  return digest({
    summary: 'status-chart',
    agreement: agreementState(source.agreement),
    conference: source.agreement.conferenceId,
    asOf: source.asOf,
    asRecordedAt: source.point && 'asRecordedAt' in source.point ? source.point.asRecordedAt : null,
    verificationBase: source.verificationBase,
  });
}
