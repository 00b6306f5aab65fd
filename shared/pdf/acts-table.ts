/**
 * The acts of every party, for the agreement summary: what, when it
 * happened, when it was recorded, and its depositary notification number.
 * Built like the signatory table (repeated header, one line per act).
 */
import { type Act, applyCorrections, correctedValueText, type DateWriter } from '../domain/acts.js';
import type { Signatory } from '../domain/types.js';
import { formatCalendarDate, formatLocalTime } from './format.js';
import {
  contentWidth,
  type FlowItem,
  type PageFrame,
  paragraphBlock,
  stack,
  type TextStyle,
} from './layout.js';
import { type RuledTable, ruledHeader, ruledRow } from './ruled-table.js';
import type { TypeMetrics } from './shaping.js';

const BODY: TextStyle = { face: 'regular', size: 8, colour: 'text' };
const MUTED: TextStyle = { face: 'regular', size: 7.5, colour: 'muted' };
const HEADER: TextStyle = { face: 'bold', size: 7.5, colour: 'text' };

const TABLE: RuledTable = {
  columns: [
    { header: 'Party', share: 0.12 },
    { header: 'Act', share: 0.38 },
    { header: 'Happened', share: 0.14 },
    { header: 'Recorded', share: 0.2 },
    { header: 'Notification', share: 0.16 },
  ],
  padding: { x: 3, y: 3 },
};

/**
 * An act another one refers to, as a reader knows it (`UZB reservation of
 * 20 May 2024`), not by its id; the id only if the act is not in this record.
 */
function referenceTo(id: string, actsById: ReadonlyMap<string, Act>): string {
  const act = actsById.get(id);
  return act ? `${act.party} ${act.type} of ${formatCalendarDate(act.date)}` : id;
}

/** `ratification (instrument Law 712)`, `reservation made at signature: …`, `correction of KGZ ratification of 15 May 2023: date 15 Mar 2023. …`. */
function describe(act: Act, actsById: ReadonlyMap<string, Act>, write: DateWriter): string {
  switch (act.type) {
    case 'signature':
      return `signature (${act.kind}) by ${act.signedBy.name}, ${act.signedBy.title}`;
    case 'ratification':
    case 'acceptance':
    case 'approval':
    case 'accession':
      return act.instrument ? `${act.type} (instrument ${act.instrument.reference})` : act.type;
    case 'succession':
      return `succession to ${act.predecessor}`;
    case 'reservation':
    case 'declaration':
      return `${act.type} made at ${act.madeAt}: ${act.text}`;
    case 'objection':
      return `objection to ${referenceTo(act.relatesTo, actsById)}: ${act.text}`;
    case 'reservation-withdrawn':
      return `withdrawal of ${referenceTo(act.relatesTo, actsById)}`;
    case 'denunciation':
      return act.effectiveDate
        ? `denunciation, effective ${formatCalendarDate(act.effectiveDate)}`
        : 'denunciation';
    case 'correction': {
      const changes = Object.entries(act.fields).map(
        ([field, value]) => `${field} ${correctedValueText(value, write)}`,
      );
      return `correction of ${referenceTo(act.relatesTo, actsById)}: ${changes.join(', ')}. ${act.reason}`;
    }
    case 'decline':
    case 'signature-withdrawn':
      return act.reason ? `${act.type}: ${act.reason}` : act.type;
    default:
      return act.type;
  }
}

/** The acts table, or nothing when no party has an act. */
export function actsTable(
  signatories: readonly Signatory[],
  context: { readonly timeZone: string; readonly caption: string },
  frame: PageFrame,
  metrics: TypeMetrics,
): FlowItem | undefined {
  const acts = signatories.flatMap((s) => s.acts ?? []);
  if (acts.length === 0) return undefined;
  const actsById = new Map(acts.map((act) => [act.id, act]));
  const write: DateWriter = {
    date: formatCalendarDate,
    instant: (iso) => formatLocalTime(iso, context.timeZone),
  };
  // The original stays as recorded, marked with the notification of what superseded it.
  const { correctedBy } = applyCorrections(acts);
  const described = (act: Act) => {
    const correctionId = correctedBy.get(act.id);
    const text = describe(act, actsById, write);
    if (correctionId === undefined) return text;
    return `${text} (corrected by ${actsById.get(correctionId)?.notification ?? 'a later act'})`;
  };
  const header = ruledHeader(TABLE, HEADER, frame, metrics);
  const caption = paragraphBlock(
    { text: `${context.caption} (continued)`, style: { ...MUTED, face: 'bold' } },
    frame.margin.left,
    contentWidth(frame),
    metrics,
  );
  return {
    kind: 'table',
    header,
    continuedHeader: stack([caption, header], 4),
    rows: acts.map((act) =>
      ruledRow(
        TABLE,
        [
          { text: act.party, style: { ...BODY, face: 'bold' } },
          { text: described(act), style: BODY },
          { text: formatCalendarDate(act.date), style: BODY },
          { text: formatLocalTime(act.recordedAt, context.timeZone), style: MUTED },
          { text: act.notification ?? '—', style: BODY },
        ],
        frame,
        metrics,
      ),
    ),
    spaceBefore: 6,
  };
}
