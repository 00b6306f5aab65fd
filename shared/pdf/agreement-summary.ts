import type { Agreement, Conference } from '../domain/types.js';
import { actsTable } from './acts-table.js';
import { cleanText, formatKind } from './format.js';
import { A4, type Box, type FlowItem, type PageFrame } from './layout.js';
import { renderPages } from './render.js';
import { type TypeMetrics, typeMetrics } from './shaping.js';
import { signatoryTable } from './signatory-table.js';
import {
  agreementFacts,
  fact,
  factsBlock,
  headingBlock,
  timeZoneFact,
  titleBlock,
} from './summary-blocks.js';
import { layoutSummary, type SummaryExtras } from './summary-document.js';

export interface AgreementSummaryModel extends SummaryExtras {
  readonly agreement: Agreement;
  readonly conference: Conference;
}

/**
 * The agreement summary laid out on pages: title block, facts with the
 * status summary, then the signatory table, with a running footer. Exposed
 * for tests of the geometry.
 */
export function layoutAgreementSummary(
  model: AgreementSummaryModel,
  metrics: TypeMetrics,
  frame: PageFrame = A4,
): Box[][] {
  const { agreement, conference, integrity, verification } = model;
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
        [
          ...agreementFacts(agreement, conference),
          ...(integrity ? [fact('Integrity', integrity)] : []),
          timeZoneFact(conference),
        ],
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
  const label = `Signature record of agreement ${agreement.id} · audit event #${agreement.chain.headSeq}`;
  return layoutSummary(flow, { label, ...(verification && { verification }) }, metrics, frame);
}

/**
 * Renders the signature record of one agreement as an A4 PDF. Pure: the
 * same model always gives the same bytes (dates come from
 * `agreement.updatedAt`, identifiers from the content).
 */
export async function renderAgreementSummary(model: AgreementSummaryModel): Promise<Uint8Array> {
  const { agreement, conference } = model;
  const metrics = await typeMetrics(model);
  return renderPages(layoutAgreementSummary(model, metrics), A4, metrics, {
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
    attachments: model.attachments ?? [],
    signatureField: model.signatureField,
  });
}
