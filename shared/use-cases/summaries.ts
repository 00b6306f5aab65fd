import { partyScope } from '../domain/access.js';
import type { PointInTime } from '../domain/agreement-view.js';
import type { CalendarDate } from '../domain/calendar-date.js';
import { NotFoundError } from '../domain/errors.js';
import { statusChartOf } from '../domain/status-chart.js';
import { toUtcTimestamp } from '../domain/time.js';
import type { Actor, Agreement, Ceremony, Conference } from '../domain/types.js';
import type { StatusChartModel } from '../pdf/status-chart.js';
import { assertRecordedAt, getAgreement, standingDateOf, viewAt } from './agreements.js';
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

export interface StatusChartSource {
  /** As stored, the reader's access checked: enough for the ETag. */
  readonly agreement: Agreement;
  readonly point?: PointInTime;
  /** The day the chart gives standings for. */
  readonly asOf: CalendarDate;
}

export async function statusChartSource(args: {
  agreementId: string;
  query: { asOf?: string; asRecordedAt?: string };
  actor: Actor;
  deps: UseCaseDeps;
}): Promise<StatusChartSource> {
  const point = pointInTimeOf(args.query);
  const agreement = await getAgreement(args);
  if (point) assertRecordedAt(agreement, point);
  return { agreement, ...(point && { point }), asOf: standingDateOf(point, args.deps) };
}

/**
 * The chart drawn from the verified record (its events replayed to the point
 * in time, if one is asked), so that the chart and the verification code it
 * carries speak of the same chain.
 */
export async function statusChartModel(
  source: StatusChartSource,
  deps: SummaryDeps,
): Promise<{ record: VerifiedRecord; model: StatusChartModel }> {
  const [record, conference] = await Promise.all([
    verifyRecord(source.agreement, deps),
    getConference({ conferenceId: source.agreement.conferenceId, deps }),
  ]);
  const view = viewAt(record.agreement, record.events, source.point, deps);
  return {
    record,
    model: {
      chart: statusChartOf(view),
      conference,
      rule: view.entryIntoForce,
      chain: view.chain,
      updatedAt: view.updatedAt,
    },
  };
}
