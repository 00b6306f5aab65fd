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

export async function agreementSummaryModel(args: {
  agreementId: string;
  actor: Actor;
  deps: UseCaseDeps;
}): Promise<{ agreement: Agreement; conference: Conference }> {
  const agreement = await getAgreement(args);
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
