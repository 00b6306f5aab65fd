/**
 * The signatory table shared by both summaries: one row per signatory, a
 * header repeated on every page, declined and withdrawn rows tinted and
 * labelled with their reason, rows of a given ceremony marked.
 */
import type { Signatory, SignatoryStatus } from '../domain/types.js';
import { formatLocalTime, localTime, SIGNATORY_STATUS_LABELS } from './format.js';
import {
  type Block,
  beside,
  type Colour,
  contentWidth,
  EMPTY,
  type FillBox,
  type FlowItem,
  fill,
  type PageFrame,
  type Paragraph,
  pad,
  paragraphBlock,
  stack,
  type TextStyle,
} from './layout.js';
import type { TypeMetrics } from './shaping.js';

const BODY: TextStyle = { face: 'regular', size: 8.5, colour: 'text' };
const SECONDARY: TextStyle = { face: 'regular', size: 7.5, colour: 'muted' };
const HEADER: TextStyle = { face: 'bold', size: 7.5, colour: 'text' };

const PADDING_X = 4;
const PADDING_Y = 4;
/** Gap between paragraphs of one cell (name, then title). */
const CELL_GAP = 1;
const RULE = 0.5;
/** Width of the bar marking rows signed at the ceremony a summary is about. */
const MARK_WIDTH = 3;

/**
 * Column widths as fractions of the content width, sized so that the usual
 * texts take one line: "Қазақстан Республикасы" in Party, "At this
 * ceremony" under a status, "28 May 2022, 00:00" in Date and time.
 */
const COLUMNS = {
  party: { header: 'Party', share: 0.245 },
  status: { header: 'Status', share: 0.15 },
  person: { header: 'Signatory', share: 0.245 },
  time: { header: 'Date and time', share: 0.19 },
  place: { header: 'Place', share: 0.17 },
} as const;

type ColumnName = keyof typeof COLUMNS;

interface Column {
  readonly header: string;
  readonly x: number;
  readonly width: number;
}

/** Column positions across the content width of `frame`, left to right. */
export function tableColumns(frame: PageFrame): Record<ColumnName, Column> {
  const total = contentWidth(frame);
  const right = frame.margin.left + total;
  const columns = {} as Record<ColumnName, Column>;
  let x = frame.margin.left;
  for (const name of Object.keys(COLUMNS) as ColumnName[]) {
    const { header, share } = COLUMNS[name];
    // The last column takes the remainder, so rounding never pushes it past the margin.
    const width = name === 'place' ? right - x : total * share;
    columns[name] = { header, x, width };
    x += width;
  }
  return columns;
}

const STATUS_COLOURS: Readonly<Record<SignatoryStatus, Colour>> = {
  pending: 'pending',
  signed: 'signed',
  declined: 'declined',
  withdrawn: 'withdrawn',
};

const STATUS_BANDS: Readonly<Partial<Record<SignatoryStatus, Colour>>> = {
  declined: 'declinedBand',
  withdrawn: 'withdrawnBand',
};

const NONE: Paragraph = { text: '—', style: SECONDARY };

function partyCell(signatory: Signatory): Paragraph[] {
  return [
    { text: signatory.party, style: { ...BODY, face: 'bold' } },
    { text: signatory.partyName, style: BODY },
  ];
}

function statusCell(signatory: Signatory, atCeremony: boolean): Paragraph[] {
  const label: Paragraph = {
    text: SIGNATORY_STATUS_LABELS[signatory.status],
    style: { ...BODY, face: 'bold', colour: STATUS_COLOURS[signatory.status] },
  };
  return atCeremony
    ? [label, { text: 'At this ceremony', style: { ...SECONDARY, colour: 'accent' } }]
    : [label];
}

/** Who signed, or, until someone has, who is expected to. */
function signatoryCell(signatory: Signatory): Paragraph[] {
  if (signatory.signedBy) {
    return [
      { text: signatory.signedBy.name, style: BODY },
      // The capacity in which one signs is part of the record, not a footnote: body size.
      { text: signatory.signedBy.title, style: { ...BODY, colour: 'muted' } },
    ];
  }
  if (signatory.representative) {
    return [
      { text: 'Representative', style: SECONDARY },
      { text: signatory.representative.name, style: BODY },
      { text: signatory.representative.title, style: SECONDARY },
    ];
  }
  return [NONE];
}

function timeCell(signatory: Signatory, timeZone: string): Paragraph[] {
  if (!signatory.signedAt) return [NONE];
  const { dateTime, offset } = localTime(signatory.signedAt, timeZone);
  return [
    { text: dateTime, style: BODY },
    { text: offset, style: SECONDARY },
  ];
}

/** Declined and withdrawn rows say when and why, across the columns right of the party. */
function note(signatory: Signatory, timeZone: string): Paragraph | undefined {
  if (signatory.status !== 'declined' && signatory.status !== 'withdrawn') return undefined;
  const when = formatLocalTime(signatory.updatedAt, timeZone);
  const reason = signatory.reason ?? 'not stated';
  return {
    text: `${SIGNATORY_STATUS_LABELS[signatory.status]} on ${when}. Reason: ${reason}`,
    style: { ...SECONDARY, colour: STATUS_COLOURS[signatory.status] },
  };
}

function cellBlock(
  paragraphs: readonly Paragraph[],
  column: Pick<Column, 'x' | 'width'>,
  metrics: TypeMetrics,
): Block {
  const width = column.width - 2 * PADDING_X;
  return stack(
    paragraphs.map((paragraph) => paragraphBlock(paragraph, column.x + PADDING_X, width, metrics)),
    CELL_GAP,
  );
}

/** The header row: column names on a tinted band. */
function tableHeader(frame: PageFrame, metrics: TypeMetrics): Block {
  const labels = pad(
    beside(
      Object.values(tableColumns(frame)).map((column) =>
        cellBlock([{ text: column.header, style: HEADER }], column, metrics),
      ),
    ),
    PADDING_Y,
  );
  return {
    height: labels.height,
    boxes: [
      fill('headerBand', {
        x: frame.margin.left,
        y: 0,
        width: contentWidth(frame),
        height: labels.height,
      }),
      ...labels.boxes,
    ],
  };
}

export interface RowContext {
  readonly timeZone: string;
  /** Rows of signatories whose `ceremonyId` is this one are marked. */
  readonly ceremonyId?: string;
}

/** One signatory: cells side by side, then any note, on its band, above a hairline. */
export function signatoryRow(
  signatory: Signatory,
  context: RowContext,
  frame: PageFrame,
  metrics: TypeMetrics,
): Block {
  const { party, status, person, time, place } = tableColumns(frame);
  const atCeremony =
    context.ceremonyId !== undefined && signatory.ceremonyId === context.ceremonyId;
  const cells = beside([
    cellBlock(partyCell(signatory), party, metrics),
    cellBlock(statusCell(signatory, atCeremony), status, metrics),
    cellBlock(signatoryCell(signatory), person, metrics),
    cellBlock(timeCell(signatory, context.timeZone), time, metrics),
    cellBlock(signatory.place ? [{ text: signatory.place, style: BODY }] : [NONE], place, metrics),
  ]);
  const rowNote = note(signatory, context.timeZone);
  const noteSpan = { x: status.x, width: place.x + place.width - status.x };
  const content = pad(
    stack([cells, rowNote ? cellBlock([rowNote], noteSpan, metrics) : EMPTY], 3),
    PADDING_Y,
  );
  const left = frame.margin.left;
  const width = contentWidth(frame);
  const fills: FillBox[] = [];
  const markWidth = atCeremony ? MARK_WIDTH : 0;
  if (atCeremony) {
    fills.push(fill('ceremonyMark', { x: left, y: 0, width: markWidth, height: content.height }));
  }
  const band = STATUS_BANDS[signatory.status];
  if (band) {
    fills.push(
      fill(band, { x: left + markWidth, y: 0, width: width - markWidth, height: content.height }),
    );
  }
  // On a tinted band the light rule would vanish: tinted rows get a darker one.
  fills.push(fill(band ? 'bandRule' : 'rule', { x: left, y: content.height, width, height: RULE }));
  return { height: content.height + RULE, boxes: [...fills, ...content.boxes] };
}

/**
 * The whole table as one flow item, so that it paginates with a repeated
 * header. Continuation pages say above it what continues (`caption`): a
 * page taken out of a ceremony record must still tell which agreement its
 * rows belong to.
 */
export function signatoryTable(
  signatories: readonly Signatory[],
  context: RowContext & { readonly caption: string; readonly spaceBefore: number },
  frame: PageFrame,
  metrics: TypeMetrics,
): FlowItem {
  const header = tableHeader(frame, metrics);
  const caption = paragraphBlock(
    { text: `${context.caption} (continued)`, style: { ...SECONDARY, face: 'bold' } },
    frame.margin.left,
    contentWidth(frame),
    metrics,
  );
  return {
    kind: 'table',
    header,
    continuedHeader: stack([caption, header], 4),
    rows: signatories.map((signatory) => signatoryRow(signatory, context, frame, metrics)),
    spaceBefore: context.spaceBefore,
  };
}
