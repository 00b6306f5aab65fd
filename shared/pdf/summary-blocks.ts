/** Building blocks both summaries share: the title block, label/value facts, headings. */
import type { Agreement, Conference, SignatoryStatus } from '../domain/types.js';
import {
  AGREEMENT_STATUS_LABELS,
  formatDateRange,
  formatEntryIntoForceRule,
  formatInForce,
  formatLocalTime,
  formatProgress,
  SIGNATORY_STATUS_LABELS,
} from './format.js';
import {
  type Block,
  beside,
  contentWidth,
  fill,
  type PageFrame,
  type Paragraph,
  paragraphBlock,
  stack,
  type TextStyle,
} from './layout.js';
import type { TypeMetrics } from './shaping.js';

const EYEBROW: TextStyle = { face: 'bold', size: 8, colour: 'accent' };
const TITLE: TextStyle = { face: 'bold', size: 17, colour: 'text' };
const CONFERENCE: TextStyle = { face: 'regular', size: 11, colour: 'text' };
const VENUE: TextStyle = { face: 'regular', size: 9.5, colour: 'muted' };
const LABEL: TextStyle = { face: 'regular', size: 8.5, colour: 'muted' };
const VALUE: TextStyle = { face: 'regular', size: 8.5, colour: 'text' };
const HEADING: TextStyle = { face: 'bold', size: 11.5, colour: 'text' };

/** Room for the longest label ("Document SHA-256") with air before the value. */
const LABEL_WIDTH = 100;

function fullWidth(paragraph: Paragraph, frame: PageFrame, metrics: TypeMetrics): Block {
  return paragraphBlock(paragraph, frame.margin.left, contentWidth(frame), metrics);
}

/** Eyebrow, title, conference, venue and dates, closed by an accent rule. */
export function titleBlock(
  eyebrow: string,
  title: string,
  conference: Conference,
  frame: PageFrame,
  metrics: TypeMetrics,
): Block {
  const venue = `${conference.venue.city}, ${conference.venue.country} · ${formatDateRange(
    conference.startDate,
    conference.endDate,
  )}`;
  const text = stack(
    [
      fullWidth({ text: eyebrow, style: EYEBROW }, frame, metrics),
      fullWidth({ text: title, style: TITLE }, frame, metrics),
      stack(
        [
          fullWidth({ text: conference.name, style: CONFERENCE }, frame, metrics),
          fullWidth({ text: venue, style: VENUE }, frame, metrics),
        ],
        1,
      ),
    ],
    4,
  );
  const ruleY = text.height + 8;
  return {
    height: ruleY + 1,
    boxes: [
      ...text.boxes,
      fill('accent', { x: frame.margin.left, y: ruleY, width: contentWidth(frame), height: 1 }),
    ],
  };
}

export interface Fact {
  readonly label: string;
  readonly value: readonly Paragraph[];
}

/** A fact whose value is one plain paragraph. */
export const fact = (label: string, value: string): Fact => ({
  label,
  value: [{ text: value, style: VALUE }],
});

/** Labels in a narrow muted column, values wrapped beside them. */
export function factsBlock(facts: readonly Fact[], frame: PageFrame, metrics: TypeMetrics): Block {
  const left = frame.margin.left;
  const valueWidth = contentWidth(frame) - LABEL_WIDTH;
  return stack(
    facts.map(({ label, value }) =>
      beside([
        paragraphBlock({ text: label, style: LABEL }, left, LABEL_WIDTH - 8, metrics),
        stack(
          value.map((paragraph) =>
            paragraphBlock(paragraph, left + LABEL_WIDTH, valueWidth, metrics),
          ),
        ),
      ]),
    ),
    3,
  );
}

/** A section heading, optionally under a small eyebrow line (what kind of section it is). */
export function headingBlock(
  text: string,
  frame: PageFrame,
  metrics: TypeMetrics,
  eyebrow?: string,
): Block {
  const heading = fullWidth({ text, style: HEADING }, frame, metrics);
  if (eyebrow === undefined) return heading;
  return stack([fullWidth({ text: eyebrow, style: EYEBROW }, frame, metrics), heading], 2);
}

export function timeZoneFact(conference: Conference): Fact {
  return fact(
    'Time zone',
    `${conference.timeZone}: all times are venue-local, with their offset from UTC`,
  );
}

/**
 * What identifies and qualifies an agreement's record: the signed
 * document's hash, where signature stands, and the audit event the summary
 * reflects, so that a reader can check it against the audit chain.
 */
export function agreementFacts(agreement: Agreement, conference: Conference): Fact[] {
  const { timeZone } = conference;
  const inForce = formatInForce(agreement, timeZone);
  return [
    fact('Agreement', agreement.id),
    fact('Status', AGREEMENT_STATUS_LABELS[agreement.status]),
    fact('Document SHA-256', agreement.documentSha256),
    fact('Progress', formatProgress(agreement)),
    ...statusSummaryFacts(agreement),
    {
      label: 'Entry into force',
      value: [
        {
          text: formatEntryIntoForceRule(agreement.entryIntoForce, agreement.progress.total),
          style: VALUE,
        },
        {
          text: inForce,
          style: { ...VALUE, face: 'bold', colour: agreement.inForce ? 'signed' : 'text' },
        },
      ],
    },
    fact(
      'Generated from',
      `audit event #${agreement.chain.headSeq} of ${formatLocalTime(agreement.updatedAt, timeZone)}, hash ${agreement.chain.headHash}`,
    ),
  ];
}

/** Consent to be bound without a signature: accession (VCLT art. 15) and succession of states. */
const JOINED_WITHOUT_SIGNING: ReadonlySet<string> = new Set(['accession', 'succession']);

/** The parties in `status`, by code, in roster order. */
const partiesIn = (agreement: Agreement, status: SignatoryStatus) =>
  agreement.signatories.filter((s) => s.status === status).map((s) => s.party);

/**
 * Where signature stands at a glance, before any table: the count in each
 * status and who is still awaited or has declined, so that the first page
 * answers the usual question even when the roster runs to many pages.
 */
export function statusSummaryFacts(agreement: Agreement): Fact[] {
  const counts = (['signed', 'pending', 'declined', 'withdrawn'] as const).map(
    (status) => `${SIGNATORY_STATUS_LABELS[status]} ${partiesIn(agreement, status).length}`,
  );
  const facts = [fact('By status', counts.join(' · '))];
  // A party that acceded or succeeded is bound without ever signing: not awaited.
  const awaited: string[] = [];
  const boundWithoutSigning: string[] = [];
  for (const signatory of agreement.signatories.filter((s) => s.status === 'pending')) {
    const joined = signatory.acts?.find((act) => JOINED_WITHOUT_SIGNING.has(act.type));
    if (joined) boundWithoutSigning.push(`${signatory.party} (${joined.type})`);
    else awaited.push(signatory.party);
  }
  const declined = partiesIn(agreement, 'declined');
  if (awaited.length > 0) facts.push(fact('Awaited', awaited.join(', ')));
  if (boundWithoutSigning.length > 0)
    facts.push(fact('Bound without signing', boundWithoutSigning.join(', ')));
  if (declined.length > 0) facts.push(fact('Declined', declined.join(', ')));
  return facts;
}
