import type { Agreement, Ceremony, Conference } from '../domain/types.js';
import { type TypeMetrics, typeMetrics } from './fonts.js';
import { cleanText, counted, formatKind, formatLocalTime } from './format.js';
import {
  A4,
  addFooters,
  type Box,
  type FlowItem,
  type PageFrame,
  paginate,
  withVerificationBand,
} from './layout.js';
import { renderPages, type SummaryExtras } from './render.js';
import { signatoryTable } from './signatory-table.js';
import {
  agreementFacts,
  fact,
  factsBlock,
  headingBlock,
  timeZoneFact,
  titleBlock,
} from './summary-blocks.js';

export interface CeremonySummaryModel extends SummaryExtras {
  readonly ceremony: Ceremony;
  readonly conference: Conference;
  /** The agreements covered; shown in the order of `ceremony.agreementIds`. */
  readonly agreements: readonly Agreement[];
}

/** Agreements in the ceremony's order; any it does not list come last, as given. */
function inCeremonyOrder(ceremony: Ceremony, agreements: readonly Agreement[]): Agreement[] {
  const position = (agreement: Agreement) => {
    const index = ceremony.agreementIds.indexOf(agreement.id);
    return index === -1 ? ceremony.agreementIds.length : index;
  };
  return [...agreements].sort((a, b) => position(a) - position(b));
}

function signedHere(ceremony: Ceremony, agreements: readonly Agreement[]): number {
  return agreements
    .flatMap((agreement) => agreement.signatories)
    .filter((s) => s.ceremonyId === ceremony.id).length;
}

function signedHereText(count: number): string {
  if (count === 0) return 'No signature recorded at this ceremony';
  return `${counted(count, 'signature', 'signatures')}, marked “At this ceremony” in the tables below`;
}

/** The newest thing the record shows: the latest agreement change, or the ceremony's creation. */
function ceremonyRecordDate({ ceremony, agreements }: CeremonySummaryModel): string {
  return [ceremony.createdAt, ...agreements.map((agreement) => agreement.updatedAt)].reduce(
    (newest, at) => (Date.parse(at) > Date.parse(newest) ? at : newest),
  );
}

function agreementSection(
  agreement: Agreement,
  position: { index: number; count: number },
  context: { ceremony: Ceremony; conference: Conference },
  frame: PageFrame,
  metrics: TypeMetrics,
): FlowItem[] {
  const { ceremony, conference } = context;
  const eyebrow = `Agreement ${position.index + 1} of ${position.count} · ${formatKind(agreement.kind)}`;
  return [
    {
      kind: 'block',
      block: headingBlock(agreement.title, frame, metrics, eyebrow),
      keepWithNext: true,
      spaceBefore: 24,
    },
    {
      kind: 'block',
      block: factsBlock(agreementFacts(agreement, conference), frame, metrics),
      keepWithNext: true,
      spaceBefore: 6,
    },
    signatoryTable(
      agreement.signatories,
      {
        timeZone: conference.timeZone,
        ceremonyId: ceremony.id,
        caption: `Signatories of ${agreement.title}`,
        spaceBefore: 8,
      },
      frame,
      metrics,
    ),
  ];
}

/**
 * The ceremony summary laid out on pages: the ceremony, then each agreement
 * with its signatories, rows signed at this ceremony marked. Exposed for
 * tests of the geometry.
 */
export function layoutCeremonySummary(
  model: CeremonySummaryModel,
  metrics: TypeMetrics,
  page: PageFrame = A4,
): Box[][] {
  const { ceremony, conference, integrity, verification } = model;
  const frame = verification ? withVerificationBand(page) : page;
  const agreements = inCeremonyOrder(ceremony, model.agreements);
  const facts = factsBlock(
    [
      fact('Ceremony', ceremony.id),
      fact('Place', ceremony.place),
      fact('Scheduled', formatLocalTime(ceremony.scheduledAt, conference.timeZone)),
      fact('Agreements', String(agreements.length)),
      fact('Signed here', signedHereText(signedHere(ceremony, agreements))),
      timeZoneFact(conference),
      ...(integrity ? [fact('Integrity', integrity)] : []),
    ],
    frame,
    metrics,
  );
  const flow: FlowItem[] = [
    {
      kind: 'block',
      block: titleBlock('Signing ceremony record', ceremony.title, conference, frame, metrics),
    },
    { kind: 'block', block: facts, spaceBefore: 12 },
    ...agreements.flatMap((agreement, index) =>
      agreementSection(
        agreement,
        { index, count: agreements.length },
        { ceremony, conference },
        frame,
        metrics,
      ),
    ),
  ];
  return addFooters(
    paginate(flow, frame),
    `Signing ceremony record ${ceremony.id}`,
    frame,
    metrics,
    verification,
  );
}

/**
 * Renders the record of one signing ceremony as an A4 PDF. Pure and
 * deterministic like {@link renderAgreementSummary}; its date is the newest
 * `updatedAt` of the agreements, or the ceremony's creation if later.
 */
export async function renderCeremonySummary(model: CeremonySummaryModel): Promise<Uint8Array> {
  const { ceremony, conference, agreements } = model;
  return renderPages(layoutCeremonySummary(model, typeMetrics()), A4, {
    title: cleanText(ceremony.title),
    subject: `Record of the signing ceremony "${cleanText(ceremony.title)}"`,
    author: cleanText(conference.name),
    keywords: [
      'signing-ceremony-record',
      `ceremony:${ceremony.id}`,
      ...agreements.flatMap((agreement) => [
        `agreement:${agreement.id}`,
        `audit-head:${agreement.chain.headHash}`,
      ]),
    ],
    date: ceremonyRecordDate(model),
    ...(model.attachments && { attachments: model.attachments }),
  });
}
