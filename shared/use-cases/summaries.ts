import { partyScope } from '../domain/access.js';
import type { PointInTime } from '../domain/agreement-view.js';
import { statusChartOf } from '../domain/status-chart.js';
import { toUtcTimestamp } from '../domain/time.js';
import type { Actor, Ceremony, Conference } from '../domain/types.js';
import type { StatusChartModel } from '../pdf/status-chart.js';
import { readAgreement } from './agreements.js';
import type { AuditStore } from './audit.js';
import { getCeremony } from './ceremonies.js';
import { getConference } from './conferences.js';
import type { UseCaseDeps } from './ports.js';
import { readVerifiedRecord, type VerifiedRecord } from './verified-record.js';

/**
 * Gathers what a PDF summary shows, with the reader's access applied: a
 * member sees an agreement only if its party signs it, and a ceremony's
 * summary lists only the agreements the member is party to. Every agreement
 * comes with its events, verified against the state shown (else
 * `IntegrityError`: no summary is drawn from a record its chain disowns).
 */

export type SummaryDeps = UseCaseDeps & { readonly audit: Pick<AuditStore, 'listAllEvents'> };

export async function agreementSummaryModel(args: {
  agreementId: string;
  actor: Actor;
  deps: SummaryDeps;
}): Promise<{ record: VerifiedRecord; conference: Conference }> {
  const record = await readVerifiedRecord(args);
  const conference = await getConference({
    conferenceId: record.agreement.conferenceId,
    deps: args.deps,
  });
  return { record, conference };
}

export async function ceremonySummaryModel(args: {
  ceremonyId: string;
  actor: Actor;
  deps: SummaryDeps;
}): Promise<{
  ceremony: Ceremony;
  conference: Conference;
  records: VerifiedRecord[];
  /** Set for a member: the copy shows only that party's agreements, and says so. */
  copyFor?: { party: string; agreementsInCeremony: number };
}> {
  // The ceremony as this reader sees it: for a member, only the agreements its party signs.
  const ceremony = await getCeremony(args);
  const [conference, records] = await Promise.all([
    getConference({ conferenceId: ceremony.conferenceId, deps: args.deps }),
    Promise.all(
      ceremony.agreementIds.map((agreementId) =>
        readVerifiedRecord({ agreementId, deps: args.deps }),
      ),
    ),
  ]);
  const scope = partyScope(args.actor);
  if (scope === undefined) return { ceremony, conference, records };
  // A member's copy says how many of the ceremony's agreements it leaves out.
  const all = await args.deps.store.getCeremony(args.ceremonyId);
  const agreementsInCeremony = all?.agreementIds.length ?? records.length;
  return { ceremony, conference, records, copyFor: { party: scope, agreementsInCeremony } };
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
