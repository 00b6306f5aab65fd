/**
 * The plain ruled table of the acts table and the status chart: columns as
 * shares of the content width, one line of paragraphs per row, a rule under
 * every row, the header on a tinted band.
 */
import {
  type Block,
  beside,
  contentWidth,
  fill,
  type PageFrame,
  type Paragraph,
  pad,
  paragraphBlock,
  type TextStyle,
} from './layout.js';
import type { TypeMetrics } from './shaping.js';

export interface RuledTable {
  readonly columns: readonly { readonly header: string; readonly share: number }[];
  /** Space between a cell's text and the column's edges, and above and below a row's. */
  readonly padding: { readonly x: number; readonly y: number };
}

const RULE = 0.5;

/** One row: the paragraphs in column order; an undefined one leaves its cell empty. */
export function ruledRow(
  table: RuledTable,
  paragraphs: readonly (Paragraph | undefined)[],
  frame: PageFrame,
  metrics: TypeMetrics,
  band = false,
): Block {
  let x = frame.margin.left;
  const content = beside(
    table.columns.map(({ share }, index) => {
      const width = contentWidth(frame) * share;
      const paragraph = paragraphs[index];
      const cell = paragraph
        ? paragraphBlock(paragraph, x + table.padding.x, width - 2 * table.padding.x, metrics)
        : { height: 0, boxes: [] };
      x += width;
      return cell;
    }),
  );
  const padded = pad(content, table.padding.y);
  const left = frame.margin.left;
  const width = contentWidth(frame);
  return {
    height: padded.height + RULE,
    boxes: [
      ...(band ? [fill('headerBand', { x: left, y: 0, width, height: padded.height })] : []),
      ...padded.boxes,
      fill('rule', { x: left, y: padded.height, width, height: RULE }),
    ],
  };
}

/** The header row, on its band. */
export const ruledHeader = (
  table: RuledTable,
  style: TextStyle,
  frame: PageFrame,
  metrics: TypeMetrics,
): Block =>
  ruledRow(
    table,
    table.columns.map((column) => ({ text: column.header, style })),
    frame,
    metrics,
    true,
  );
