import { inForceOn, type PointInTime } from '../domain/agreement-view.js';
import { statusChartOf } from '../domain/status-chart.js';
import { toUtcTimestamp } from '../domain/time.js';
import type { Actor, Agreement, Ceremony, Conference } from '../domain/types.js';
import type { StatusChartModel } from '../pdf/status-chart.js';
import { getAgreement, readAgreement, todayOf } from './agreements.js';
import { getCeremony } from './ceremonies.js';
import { getConference } from './conferences.js';
import type { UseCaseDeps } from './ports.js';

/**
 * Gathers what a PDF summary shows, with the reader's access applied: a
 * member sees an agreement only if its party signs it, and a ceremony's
 * summary lists only the agreements the member is party to.
 */

export async function agreementSummaryModel(args: {
  agreementId: string;
  actor: Actor;
  deps: UseCaseDeps;
}): Promise<{ agreement: Agreement; conference: Conference }> {
  // Under a dated rule, whether it is in force depends on the day, not only on the record.
  const agreement = inForceOn(await getAgreement(args), todayOf(args.deps));
  const conference = await getConference({ conferenceId: agreement.conferenceId, deps: args.deps });
  return { agreement, conference };
}

export async function ceremonySummaryModel(args: {
  ceremonyId: string;
  actor: Actor;
  deps: UseCaseDeps;
}): Promise<{
  ceremony: Ceremony;
  conference: Conference;
  agreements: Agreement[];
}> {
  // The ceremony as this reader sees it: for a member, only the agreements its party signs.
  const ceremony = await getCeremony(args);
  const [conference, stored] = await Promise.all([
    getConference({ conferenceId: ceremony.conferenceId, deps: args.deps }),
    Promise.all(ceremony.agreementIds.map((id) => args.deps.store.getAgreement(id))),
  ]);
  const agreements = stored.filter((agreement): agreement is Agreement => agreement !== undefined);
  return { ceremony, conference, agreements };
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
