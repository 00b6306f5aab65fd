import type { Agreement, Ceremony, Conference, Signatory } from '../domain/types.js';
import { cleanText, counted, formatKind, formatLocalTime } from './format.js';
import {
  A4,
  anchored,
  type Box,
  contentWidth,
  type FlowItem,
  type PageFrame,
  paragraphBlock,
} from './layout.js';
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

export interface CeremonySummaryModel extends SummaryExtras {
  readonly ceremony: Ceremony;
  readonly conference: Conference;
  /** The agreements covered; shown in the order of `ceremony.agreementIds`. */
  readonly agreements: readonly Agreement[];
  /**
   * A member's copy: the party whose agreements it is limited to (a member
   * reads the ceremony with only those), and how many agreements the
   * ceremony covers in all. The copy says so.
   */
  readonly copyFor?: { readonly party: string; readonly agreementsInCeremony: number };
}

/** Agreements in the ceremony's order; any it does not list come last, as given. */
function inCeremonyOrder(ceremony: Ceremony, agreements: readonly Agreement[]): Agreement[] {
  const position = (agreement: Agreement) => {
    const index = ceremony.agreementIds.indexOf(agreement.id);
    return index === -1 ? ceremony.agreementIds.length : index;
  };
  return [...agreements].sort((a, b) => position(a) - position(b));
}

/** The signatories whose signature was made at `ceremony`, withdrawn ones included. */
export function signedAt(ceremony: Ceremony, agreement: Agreement): Signatory[] {
  return agreement.signatories.filter((s) => s.ceremonyId === ceremony.id);
}

/** How many rows a ceremony summary lists: one per signature made at the ceremony. */
export function ceremonySummaryRows(
  model: Pick<CeremonySummaryModel, 'ceremony' | 'agreements'>,
): number {
  return model.agreements.reduce(
    (rows, agreement) => rows + signedAt(model.ceremony, agreement).length,
    0,
  );
}

/** `3 signatures made at this ceremony, 1 of them since withdrawn` */
function signedHereText(made: readonly Signatory[], within = ''): string {
  if (made.length === 0) return `No signature made at this ceremony${within}`;
  const withdrawn = made.filter((s) => s.status === 'withdrawn').length;
  const since = withdrawn === 0 ? '' : `, ${withdrawn} of them since withdrawn`;
  return `${counted(made.length, 'signature', 'signatures')} made at this ceremony${within}${since}`;
}

/** What the section does not list: every signatory without a signature made here, by status. */
function othersText(ceremony: Ceremony, agreement: Agreement): string {
  const others = agreement.signatories.filter((s) => s.ceremonyId !== ceremony.id);
  if (others.length === 0) return 'Every signatory of this agreement signed at this ceremony.';
  const labels = {
    signed: 'signed elsewhere',
    pending: 'pending',
    declined: 'declined',
    withdrawn: 'withdrawn',
  } as const;
  const byStatus = (['signed', 'pending', 'declined', 'withdrawn'] as const)
    .map((status) => ({ status, n: others.filter((s) => s.status === status).length }))
    .filter(({ n }) => n > 0)
    .map(({ status, n }) => `${n} ${labels[status]}`);
  return `Not listed here: ${counted(others.length, 'other signatory', 'other signatories')} (${byStatus.join(', ')}), with no signature made at this ceremony. The agreement's own summary lists every signatory.`;
}

/** The newest thing the record shows: the latest agreement change, or the ceremony's creation. */
function ceremonyRecordDate({ ceremony, agreements }: CeremonySummaryModel): string {
  return [ceremony.createdAt, ...agreements.map((agreement) => agreement.updatedAt)].reduce(
    (newest, at) => (Date.parse(at) > Date.parse(newest) ? at : newest),
  );
}

const NOTE = { face: 'regular', size: 8.5, colour: 'muted' } as const;

function agreementSection(
  agreement: Agreement,
  position: { index: number; count: number; inCopy: boolean },
  context: { ceremony: Ceremony; conference: Conference },
  frame: PageFrame,
  metrics: TypeMetrics,
): FlowItem[] {
  const { ceremony, conference } = context;
  const eyebrow = `Agreement ${position.index + 1} of ${position.count}${position.inCopy ? ' in this copy' : ''} · ${formatKind(agreement.kind)}`;
  const made = signedAt(ceremony, agreement);
  const others = paragraphBlock(
    { text: othersText(ceremony, agreement), style: NOTE },
    frame.margin.left,
    contentWidth(frame),
    metrics,
  );
  return [
    {
      kind: 'block',
      block: anchored(
        `${position.index + 1}. ${cleanText(agreement.title)}`,
        headingBlock(agreement.title, frame, metrics, eyebrow),
        frame.margin.left,
      ),
      keepWithNext: true,
      spaceBefore: 24,
    },
    {
      kind: 'block',
      block: factsBlock(
        [...agreementFacts(agreement, conference), fact('Signed here', signedHereText(made))],
        frame,
        metrics,
      ),
      keepWithNext: made.length > 0,
      spaceBefore: 6,
    },
    ...(made.length > 0
      ? [
          signatoryTable(
            made,
            {
              timeZone: conference.timeZone,
              ceremonyId: ceremony.id,
              caption: `Signatures made at this ceremony: ${agreement.title}`,
              spaceBefore: 8,
            },
            frame,
            metrics,
          ),
        ]
      : []),
    { kind: 'block', block: others, spaceBefore: 6 },
  ];
}

/** `This copy shows the 1 of 2 agreements of this ceremony to which KAZ is a party.` */
function copyNote(party: string, shown: number, total: number): string {
  const agreements = total === 1 ? 'agreement' : 'agreements';
  return `This copy shows the ${shown} of ${total} ${agreements} of this ceremony to which ${party} is a party.`;
}

/**
 * The ceremony summary laid out on pages: the ceremony, then each agreement
 * with the signatures made at the ceremony (and a count of the others), each
 * agreement bookmarked. Exposed for tests of the geometry.
 */
export function layoutCeremonySummary(
  model: CeremonySummaryModel,
  metrics: TypeMetrics,
  frame: PageFrame = A4,
): Box[][] {
  const { ceremony, conference, copyFor, integrity, verification } = model;
  const agreements = inCeremonyOrder(ceremony, model.agreements);
  const total = copyFor?.agreementsInCeremony ?? agreements.length;
  const made = agreements.flatMap((agreement) => signedAt(ceremony, agreement));
  const facts = factsBlock(
    [
      fact('Ceremony', ceremony.id),
      fact('Place', ceremony.place),
      fact('Scheduled', formatLocalTime(ceremony.scheduledAt, conference.timeZone)),
      fact(
        'Agreements',
        copyFor === undefined
          ? String(agreements.length)
          : `${agreements.length} of ${total} (this copy: those to which ${copyFor.party} is a party)`,
      ),
      fact(
        'Signed here',
        `${signedHereText(made, copyFor === undefined ? '' : ' to the agreements of this copy')}${made.length > 0 ? ', listed under each agreement below' : ''}`,
      ),
      ...(integrity ? [fact('Integrity', integrity)] : []),
      timeZoneFact(conference),
    ],
    frame,
    metrics,
  );
  const flow: FlowItem[] = [
    {
      kind: 'block',
      block: titleBlock('Signing ceremony record', ceremony.title, conference, frame, metrics),
    },
    ...(copyFor === undefined
      ? []
      : [
          {
            kind: 'block' as const,
            block: paragraphBlock(
              {
                text: copyNote(copyFor.party, agreements.length, total),
                style: { face: 'bold', size: 9.5, colour: 'accent' },
              },
              frame.margin.left,
              contentWidth(frame),
              metrics,
            ),
            spaceBefore: 10,
          },
        ]),
    { kind: 'block', block: facts, spaceBefore: 12 },
    ...agreements.flatMap((agreement, index) =>
      agreementSection(
        agreement,
        { index, count: agreements.length, inCopy: copyFor !== undefined },
        { ceremony, conference },
        frame,
        metrics,
      ),
    ),
  ];
  const label = `Signing ceremony record ${ceremony.id}${copyFor === undefined ? '' : ` · copy for ${copyFor.party}`}`;
  return layoutSummary(flow, { label, ...(verification && { verification }) }, metrics, frame);
}

/**
 * Renders the record of one signing ceremony as an A4 PDF. Pure and
 * deterministic like {@link renderAgreementSummary}; its date is the newest
 * `updatedAt` of the agreements, or the ceremony's creation if later.
 */
export async function renderCeremonySummary(model: CeremonySummaryModel): Promise<Uint8Array> {
  const { ceremony, conference, agreements } = model;
  const metrics = await typeMetrics(model);
  return renderPages(layoutCeremonySummary(model, metrics), A4, metrics, {
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
    attachments: model.attachments ?? [],
    signatureField: model.signatureField,
  });
}
