/**
 * What both summaries share around their content: the hooks a sealed copy
 * fills in (verification code and QR on every page, attached files, the
 * integrity line), the footer, and the frame that makes room for them.
 */
import {
  A4,
  addFooters,
  type Box,
  contentWidth,
  type FlowItem,
  type Footer,
  footerHeight,
  type PageFrame,
  paginate,
  unprintableNoteLines,
  type Verification,
} from './layout.js';
import type { TypeMetrics } from './shaping.js';

export interface Attachment {
  readonly name: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
  readonly description?: string;
}

/** Optional parts of either summary, supplied by whoever seals or checks it. */
export interface SummaryExtras {
  /** Drawn on every page: the code and URL as text, the QR code as filled modules. */
  readonly verification?: Verification;
  /** Embedded files (EmbeddedFiles name tree and /AF), e.g. the history as NDJSON. */
  readonly attachments?: readonly Attachment[];
  /** A line on page 1 on the record's integrity, e.g. "Chain verified: events 1–8, head hash …". */
  readonly integrity?: string;
  /** An empty signature field, for a seal that fills it in after rendering. */
  readonly signatureField?: SignatureField;
}

/**
 * What a seal needs reserved in the file (see shared/seal/sealer.ts): the
 * signature dictionary's text, and room for its CMS in /Contents.
 */
export interface SignatureField {
  /** /Reason. */
  readonly reason: string;
  /** /Name: who signs. */
  readonly name: string;
  /** /M: when the seal is made (RFC 3339). */
  readonly signedAt: string;
  /** Bytes reserved for the DER CMS (the file holds twice as many hex digits). */
  readonly contentsBytes: number;
}

function flowBoxes(flow: readonly FlowItem[]): Box[] {
  return flow.flatMap((item) =>
    item.kind === 'block'
      ? item.block.boxes
      : [
          ...item.header.boxes,
          ...item.continuedHeader.boxes,
          ...item.rows.flatMap((row) => row.boxes),
        ],
  );
}

/**
 * Paginates `flow` and adds the footer. The footer band grows to hold the
 * QR code and, when any character cannot be printed, the note that says so.
 */
export function layoutSummary(
  flow: readonly FlowItem[],
  footer: Footer,
  metrics: TypeMetrics,
  frame: PageFrame = A4,
): Box[][] {
  const unprintable = new Set(
    flowBoxes(flow).flatMap((box) =>
      box.kind === 'text' ? metrics.unprintable(box.text, box.face) : [],
    ),
  );
  const noteLines = unprintableNoteLines([...unprintable], contentWidth(frame), metrics);
  const framed: PageFrame = {
    ...frame,
    footerHeight: Math.max(frame.footerHeight, footerHeight(footer, noteLines)),
  };
  return addFooters(paginate(flow, framed), footer, framed, metrics, unprintable);
}
