/**
 * The chart of signatures and ratifications as a landscape A4 PDF, in the
 * manner of the Council of Europe's: one line per party (about forty to a
 * page), signature, consent with its marker, entry into force for the
 * party, markers, and the numbered notes (reservations, declarations,
 * objections) after the table. Built from the summaries' blocks, fonts and
 * renderer, so it is just as deterministic; sealed like them, with the
 * verification code on every page and the history attached.
 */
import { dateInZone, isCalendarDate } from '../domain/calendar-date.js';
import { MARKERS } from '../domain/standing.js';
import type { StatusChart } from '../domain/status-chart.js';
import type { Conference, EntryIntoForceRule } from '../domain/types.js';
import { entryIntoForceInWords } from './entry-into-force-words.js';
import { cleanText, counted, formatLocalTime } from './format.js';
import {
  type Box,
  contentWidth,
  type FlowItem,
  type PageFrame,
  type Paragraph,
  paragraphBlock,
  stack,
  type TextStyle,
} from './layout.js';
import { renderPages } from './render.js';
import { type RuledTable, ruledHeader, ruledRow } from './ruled-table.js';
import { type TypeMetrics, typeMetrics } from './shaping.js';
import { fact, factsBlock, headingBlock, titleBlock } from './summary-blocks.js';
import { layoutSummary, type SummaryExtras } from './summary-document.js';

/** A4 landscape with tighter margins: room for about forty parties a page. */
export const A4_LANDSCAPE: PageFrame = {
  width: 841.89,
  height: 595.28,
  margin: { top: 36, right: 40, bottom: 28, left: 40 },
  footerHeight: 22,
};

const BODY: TextStyle = { face: 'regular', size: 7.5, colour: 'text' };
const BOLD: TextStyle = { ...BODY, face: 'bold' };
const MUTED: TextStyle = { face: 'regular', size: 7, colour: 'muted' };
const HEADER: TextStyle = { face: 'bold', size: 7, colour: 'text' };
const TABLE: RuledTable = {
  columns: [
    { header: 'Party', share: 0.3 },
    { header: 'Signature', share: 0.1 },
    { header: 'Consent', share: 0.13 },
    { header: 'Entry into force', share: 0.11 },
    { header: 'Denunciation', share: 0.1 },
    // One narrow column a marker, so that each mark stands under its letter.
    ...MARKERS.map((marker) => ({ header: marker, share: 0.022 })),
    { header: 'Notes', share: 0.15 },
  ],
  padding: { x: 3, y: 1.5 },
};

/** `2023-07-01` → `01/07/2023`, as the Council of Europe chart writes dates. */
const chartDate = (date: string | undefined) =>
  date ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : '';

/** A calendar date as it is, an instant as the venue's day. */
const chartDay = (value: string, timeZone: string) =>
  chartDate(isCalendarDate(value) ? value : dateInZone(value, timeZone));

export interface StatusChartModel extends SummaryExtras {
  readonly chart: StatusChart;
  readonly conference: Conference;
  readonly rule: EntryIntoForceRule;
  readonly chain: { readonly headSeq: number; readonly headHash: string };
  /** The time of the newest event shown: the document's date. */
  readonly updatedAt: string;
}

export function layoutStatusChart(
  model: StatusChartModel,
  metrics: TypeMetrics,
  frame = A4_LANDSCAPE,
): Box[][] {
  const { chart, conference, rule } = model;
  const header = ruledHeader(TABLE, HEADER, frame, metrics);
  const rows = chart.rows.map((r) =>
    ruledRow(
      TABLE,
      [
        { text: `${r.party}  ${r.partyName}`, style: BODY },
        { text: chartDate(r.signature), style: BODY },
        r.consent && {
          text: `${chartDate(r.consent.date)} ${r.consent.marker}`.trim(),
          style: BODY,
        },
        { text: chartDate(r.inForceFor), style: BOLD },
        r.denouncedOn
          ? {
              text: `${chartDate(r.denunciationEffective)} (notified ${chartDate(r.denouncedOn)})`,
              style: BODY,
            }
          : undefined,
        ...MARKERS.map((marker) => ({
          text: r.markers.includes(marker) ? marker : '·',
          style: BODY,
        })),
        { text: r.notes.map((note) => note.number).join(', '), style: BODY },
      ],
      frame,
      metrics,
    ),
  );
  const notes = chart.rows.flatMap((r) =>
    r.notes.map((note) => ({
      text: `${note.number}. ${r.party}, ${note.type} of ${chartDate(note.date)}${note.articles ? ` (${note.articles.join(', ')})` : ''}${note.lapsed ? ' — lapsed: not confirmed at consent' : ''}${note.withdrawn ? ` — withdrawn on ${chartDate(note.withdrawn)}` : ''}: ${note.text}`,
      style: BODY,
    })),
  );
  const full = (paragraph: Paragraph) =>
    paragraphBlock(paragraph, frame.margin.left, contentWidth(frame), metrics);
  const when = chart.asRecordedAt
    ? `as recorded at ${formatLocalTime(chart.asRecordedAt, conference.timeZone)}`
    : `as of ${chartDate(chart.asOf)}`;
  const inForceDay = (at: string) => chartDay(at, conference.timeZone);
  const flow: FlowItem[] = [
    {
      kind: 'block',
      block: titleBlock(
        'Chart of signatures and ratifications',
        chart.agreement.title,
        conference,
        frame,
        metrics,
      ),
    },
    {
      kind: 'block',
      spaceBefore: 8,
      block: factsBlock(
        [
          fact(
            'Status',
            `${chart.agreement.inForceAt ? `${chart.agreement.inForce ? 'In force since' : 'Enters into force on'} ${inForceDay(chart.agreement.inForceAt)}` : 'Not yet in force'}, ${when}`,
          ),
          fact('Entry into force', entryIntoForceInWords(rule, chart.rows.length)),
          fact(
            'Totals',
            [
              counted(chart.totals.parties, 'party', 'parties'),
              counted(chart.totals.signatures, 'signature', 'signatures'),
              counted(chart.totals.consents, 'consent', 'consents'),
              `in force for ${chart.totals.inForce}`,
            ].join(' · '),
          ),
          ...(model.integrity ? [fact('Integrity', model.integrity)] : []),
        ],
        frame,
        metrics,
      ),
    },
    {
      kind: 'table',
      header,
      continuedHeader: stack(
        [
          full({
            text: `${cleanText(chart.agreement.title)} (continued)`,
            style: { ...MUTED, face: 'bold' },
          }),
          header,
        ],
        3,
      ),
      rows,
      spaceBefore: 10,
    },
    {
      kind: 'block',
      spaceBefore: 6,
      block: full({
        text: 'Consent: s definitive signature, A acceptance, AA approval, a accession, d succession (no marker: ratification). R reservation, D declaration, O objection, A ad referendum signature, P provisional application.',
        style: MUTED,
      }),
    },
    ...(notes.length > 0
      ? [
          {
            kind: 'block' as const,
            spaceBefore: 12,
            keepWithNext: true,
            block: headingBlock('Notes', frame, metrics),
          },
          ...notes.map((note): FlowItem => ({ kind: 'block', spaceBefore: 3, block: full(note) })),
        ]
      : []),
  ];
  const footer = `Chart of signatures and ratifications of agreement ${chart.agreement.id} · audit event #${model.chain.headSeq}`;
  const { verification } = model;
  return layoutSummary(
    flow,
    { label: footer, ...(verification && { verification }) },
    metrics,
    frame,
  );
}

export async function renderStatusChart(model: StatusChartModel): Promise<Uint8Array> {
  const { chart, conference } = model;
  const metrics = await typeMetrics(model);
  return renderPages(layoutStatusChart(model, metrics), A4_LANDSCAPE, metrics, {
    title: `Chart of signatures and ratifications: ${cleanText(chart.agreement.title)}`,
    subject: `Signatures, consents and entry into force of "${cleanText(chart.agreement.title)}" ${chart.asRecordedAt ? `as recorded at ${formatLocalTime(chart.asRecordedAt, conference.timeZone)}` : `as of ${chart.asOf}`}`,
    author: cleanText(conference.name),
    keywords: [
      'status-chart',
      `agreement:${chart.agreement.id}`,
      `as-of:${chart.asOf}`,
      `audit-seq:${model.chain.headSeq}`,
      `audit-head:${model.chain.headHash}`,
    ],
    date: model.updatedAt,
    attachments: model.attachments ?? [],
    signatureField: model.signatureField,
  });
}
