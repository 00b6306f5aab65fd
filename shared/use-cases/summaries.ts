import { partyScope } from '../domain/access.js';
import type { PointInTime } from '../domain/agreement-view.js';
import { NotFoundError } from '../domain/errors.js';
import { statusChartOf } from '../domain/status-chart.js';
import { toUtcTimestamp } from '../domain/time.js';
import type { Actor, Agreement, Ceremony, Conference } from '../domain/types.js';
import type { StatusChartModel } from '../pdf/status-chart.js';
import { readAgreement } from './agreements.js';
import type { AuditStore } from './audit.js';
import { readCeremonyInScope } from './ceremonies.js';
import { getConference } from './conferences.js';
import type { UseCaseDeps } from './ports.js';
import { type VerifiedRecord, verifyRecord } from './verified-record.js';

/**
 * Gathers what a PDF summary shows, in two steps. The source is the stored
 * state with the reader's access applied (a member sees an agreement only if
 * its party signs it, and a ceremony's summary lists only the agreements the
 * member is party to): enough for the ETag. The model adds every agreement's
 * events, verified against the state shown (else `IntegrityError`: no
 * summary is drawn from a record its chain disowns), and the conference.
 */

export type SummaryDeps = UseCaseDeps & { readonly audit: Pick<AuditStore, 'listAllEvents'> };

export async function agreementSummaryModel(
  agreement: Agreement,
  deps: SummaryDeps,
): Promise<{ record: VerifiedRecord; conference: Conference }> {
  const [record, conference] = await Promise.all([
    verifyRecord(agreement, deps),
    getConference({ conferenceId: agreement.conferenceId, deps }),
  ]);
  return { record, conference };
}

export interface CeremonySummarySource {
  readonly ceremony: Ceremony;
  readonly agreements: readonly Agreement[];
  /** Set for a member: the copy shows only that party's agreements, and says so. */
  readonly copyFor?: { party: string; agreementsInCeremony: number };
}

export async function ceremonySummarySource(args: {
  ceremonyId: string;
  actor: Actor;
  deps: UseCaseDeps;
}): Promise<CeremonySummarySource> {
  const { ceremony, agreementsInCeremony } = await readCeremonyInScope(args);
  const agreements = await Promise.all(
    ceremony.agreementIds.map(async (agreementId) => {
      const agreement = await args.deps.store.getAgreement(agreementId);
      if (!agreement) throw new NotFoundError('Agreement not found.');
      return agreement;
    }),
  );
  const party = partyScope(args.actor);
  return {
    ceremony,
    agreements,
    ...(party !== undefined && { copyFor: { party, agreementsInCeremony } }),
  };
}

export async function ceremonySummaryModel(
  source: CeremonySummarySource,
  deps: SummaryDeps,
): Promise<{ conference: Conference; records: VerifiedRecord[] }> {
  const [conference, records] = await Promise.all([
    getConference({ conferenceId: source.ceremony.conferenceId, deps }),
    Promise.all(source.agreements.map((agreement) => verifyRecord(agreement, deps))),
  ]);
  return { conference, records };
}

/** Query `asOf` / `asRecordedAt` as a point in time, if one is asked for. */
export function pointInTimeOf(query: {
  asOf?: string;
  asRecordedAt?: string;
}): PointInTime | undefined {
  if (query.asOf) return { asOf: query.asOf };
  if (query.asRecordedAt) return { asRecordedAt: toUtcTimestamp(query.asRecordedAt) };
  return undefined;
}

export async function statusChartModel(args: {
  agreementId: string;
  query: { asOf?: string; asRecordedAt?: string };
  actor: Actor;
  deps: UseCaseDeps;
}): Promise<StatusChartModel> {
  const point = pointInTimeOf(args.query);
  const view = await readAgreement({ ...args, ...(point && { point }) });
  const conference = await getConference({ conferenceId: view.conferenceId, deps: args.deps });
  return {
    chart: statusChartOf(view),
    conference,
    rule: view.entryIntoForce,
    chain: view.chain,
    updatedAt: view.updatedAt,
  };
}
