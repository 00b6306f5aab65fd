import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Agreement, Conference, Signatory } from '../../shared/domain/types.js';
import {
  AGREEMENT_STATUS_LABELS,
  formatDateRange,
  formatEntryIntoForceRule,
  formatInForce,
  formatLocalTime,
  formatProgress,
  localTime,
  SIGNATORY_STATUS_LABELS,
} from '../../shared/pdf/format.js';

/**
 * The information of an agreement summary as plain strings, so that the
 * baseline renderers print exactly what the project's renderer prints
 * (title block, facts, one table row per signatory with its note, footer)
 * without sharing any of its layout or font code.
 */

export interface SummaryRow {
  readonly status: Signatory['status'];
  /** Cells left to right, each a list of lines before wrapping (first line bold in col 0–1). */
  readonly cells: readonly (readonly string[])[];
  readonly note?: string;
}

export interface SummaryContent {
  readonly eyebrow: string;
  readonly title: string;
  readonly conference: string;
  readonly venue: string;
  readonly facts: readonly (readonly [label: string, value: string])[];
  readonly heading: string;
  readonly header: readonly string[];
  /** Column shares of the content width (same as the project's table). */
  readonly shares: readonly number[];
  readonly rows: readonly SummaryRow[];
  readonly footer: string;
}

const NONE = '—';

export function summaryContent({
  agreement,
  conference,
}: {
  agreement: Agreement;
  conference: Conference;
}): SummaryContent {
  const zone = conference.timeZone;
  return {
    eyebrow: `Signature record · ${agreement.kind}`,
    title: agreement.title,
    conference: conference.name,
    venue: `${conference.venue.city}, ${conference.venue.country} · ${formatDateRange(conference.startDate, conference.endDate)}`,
    facts: [
      ['Agreement', agreement.id],
      ['Status', AGREEMENT_STATUS_LABELS[agreement.status]],
      ['Document SHA-256', agreement.documentSha256],
      ['Progress', formatProgress(agreement)],
      [
        'Entry into force',
        `${formatEntryIntoForceRule(agreement.entryIntoForce, agreement.progress.total)}. ${formatInForce(agreement, zone)}`,
      ],
      [
        'Generated from',
        `audit event #${agreement.chain.headSeq} of ${formatLocalTime(agreement.updatedAt, zone)}, hash ${agreement.chain.headHash}`,
      ],
      ['Time zone', `${zone}: all times are venue-local, with their offset from UTC`],
    ],
    heading: 'Signatories',
    header: ['Party', 'Status', 'Signatory', 'Date and time', 'Place'],
    shares: [0.235, 0.125, 0.27, 0.195, 0.175],
    rows: agreement.signatories.map((s) => {
      const time = s.signedAt ? localTime(s.signedAt, zone) : undefined;
      const person = s.signedBy
        ? [s.signedBy.name, s.signedBy.title]
        : s.representative
          ? ['Representative', s.representative.name, s.representative.title]
          : [NONE];
      const note =
        s.status === 'declined' || s.status === 'withdrawn'
          ? `${SIGNATORY_STATUS_LABELS[s.status]} on ${formatLocalTime(s.updatedAt, zone)}. Reason: ${s.reason ?? 'not stated'}`
          : undefined;
      return {
        status: s.status,
        cells: [
          [s.party, s.partyName],
          [SIGNATORY_STATUS_LABELS[s.status]],
          person,
          time ? [time.dateTime, time.offset] : [NONE],
          [s.place ?? NONE],
        ],
        ...(note && { note }),
      };
    }),
    footer: `Signature record of agreement ${agreement.id} · audit event #${agreement.chain.headSeq}`,
  };
}

/** The DejaVu TTFs of the `dejavu-fonts-ttf` package (the same files the project embeds). */
export function dejaVuPath(face: 'regular' | 'bold'): string {
  const packageJson = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
  return join(
    dirname(packageJson),
    'ttf',
    face === 'regular' ? 'DejaVuSans.ttf' : 'DejaVuSans-Bold.ttf',
  );
}

/** A4 in points with the project's margins. */
export const PAGE = { width: 595.28, height: 841.89, margin: 48, bottom: 40 + 24 } as const;
