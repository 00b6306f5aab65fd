import type { Agreement, Conference } from '../domain/types.js';
import { actsTable } from './acts-table.js';
import { type TypeMetrics, typeMetrics } from './fonts.js';
import { cleanText, formatKind } from './format.js';
import { A4, addFooters, type Box, type FlowItem, type PageFrame, paginate } from './layout.js';
import { renderPages } from './render.js';
import { signatoryTable } from './signatory-table.js';
import {
  agreementFacts,
  factsBlock,
  headingBlock,
  timeZoneFact,
  titleBlock,
} from './summary-blocks.js';

export interface AgreementSummaryModel {
  readonly agreement: Agreement;
  readonly conference: Conference;
}

/**
 * The agreement summary laid out on pages: title block, facts, then the
 * signatory table, with a running footer. Exposed for tests of the geometry.
 */
export function layoutAgreementSummary(
  { agreement, conference }: AgreementSummaryModel,
  metrics: TypeMetrics,
  frame: PageFrame = A4,
): Box[][] {
  const flow: FlowItem[] = [
    {
      kind: 'block',
      block: titleBlock(
        `Signature record · ${formatKind(agreement.kind)}`,
        agreement.title,
        conference,
        frame,
        metrics,
      ),
    },
    {
      kind: 'block',
      block: factsBlock(
        [...agreementFacts(agreement, conference), timeZoneFact(conference)],
        frame,
        metrics,
      ),
      spaceBefore: 12,
    },
    {
      kind: 'block',
      block: headingBlock('Signatories', frame, metrics),
      keepWithNext: true,
      spaceBefore: 18,
    },
    signatoryTable(
      agreement.signatories,
      {
        timeZone: conference.timeZone,
        caption: `Signatories of ${agreement.title}`,
        spaceBefore: 6,
      },
      frame,
      metrics,
    ),
  ];
  const acts = actsTable(
    agreement.signatories,
    { timeZone: conference.timeZone, caption: `Acts of the parties to ${agreement.title}` },
    frame,
    metrics,
  );
  if (acts) {
    flow.push(
      {
        kind: 'block',
        block: headingBlock('Acts of the parties', frame, metrics),
        keepWithNext: true,
        spaceBefore: 18,
      },
      acts,
    );
  }
  const footer = `Signature record of agreement ${agreement.id} · audit event #${agreement.chain.headSeq}`;
  return addFooters(paginate(flow, frame), footer, frame, metrics);
}

/**
 * Renders the signature record of one agreement as an A4 PDF. Pure: the
 * same model always gives the same bytes (dates come from
 * `agreement.updatedAt`, identifiers from the content).
 */
export async function renderAgreementSummary(model: AgreementSummaryModel): Promise<Uint8Array> {
  const { agreement, conference } = model;
  return renderPages(layoutAgreementSummary(model, typeMetrics()), A4, {
    title: cleanText(agreement.title),
    subject: `Signature record of the ${cleanText(agreement.kind)} "${cleanText(agreement.title)}"`,
    author: cleanText(conference.name),
    keywords: [
      'signature-record',
      `agreement:${agreement.id}`,
      `document-sha256:${agreement.documentSha256}`,
      `audit-seq:${agreement.chain.headSeq}`,
      `audit-head:${agreement.chain.headHash}`,
    ],
    date: agreement.updatedAt,
  });
}
