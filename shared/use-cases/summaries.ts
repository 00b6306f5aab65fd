import { partyScope } from '../domain/access.js';
import type { Actor, Agreement, Ceremony, Conference } from '../domain/types.js';
import { getAgreement } from './agreements.js';
import { getCeremony } from './ceremonies.js';
import { getConference } from './conferences.js';
import type { UseCaseDeps } from './ports.js';

/**
 * Gathers what a PDF summary shows, with the reader's access applied: a
 * member sees an agreement only if its party signs it, and a ceremony's
 * summary lists only the agreements the member is party to.
 */

/**
 * The agreement a summary shows, with the reader's access applied. Its state
 * alone names the summary (the ETag), so the conference, which never changes
 * once created, is read only when the summary is drawn.
 */
export async function agreementSummarySource(args: {
  agreementId: string;
  actor: Actor;
  deps: UseCaseDeps;
}): Promise<{ agreement: Agreement; conference: () => Promise<Conference> }> {
  const agreement = await getAgreement(args);
  return {
    agreement,
    conference: () => getConference({ conferenceId: agreement.conferenceId, deps: args.deps }),
  };
}

export async function ceremonySummaryModel(args: {
  ceremonyId: string;
  actor: Actor;
  deps: UseCaseDeps;
}): Promise<{
  ceremony: Ceremony;
  conference: Conference;
  agreements: Agreement[];
  /** Set for a member: the copy shows only that party's agreements, and says so. */
  copyFor?: { party: string; agreementsInCeremony: number };
}> {
  // The ceremony as this reader sees it: for a member, only the agreements its party signs.
  const ceremony = await getCeremony(args);
  const [conference, stored] = await Promise.all([
    getConference({ conferenceId: ceremony.conferenceId, deps: args.deps }),
    Promise.all(ceremony.agreementIds.map((id) => args.deps.store.getAgreement(id))),
  ]);
  const agreements = stored.filter((agreement): agreement is Agreement => agreement !== undefined);
  const scope = partyScope(args.actor);
  if (scope === undefined) return { ceremony, conference, agreements };
  // A member's copy says how many of the ceremony's agreements it leaves out.
  const all = await args.deps.store.getCeremony(args.ceremonyId);
  const agreementsInCeremony = all?.agreementIds.length ?? agreements.length;
  return { ceremony, conference, agreements, copyFor: { party: scope, agreementsInCeremony } };
}
