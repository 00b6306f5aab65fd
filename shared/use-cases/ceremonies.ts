import { agreementIdsInScope, assertMayRead, partiesOf, partyScope } from '../domain/access.js';
import { newCeremony } from '../domain/conference.js';
import { NotFoundError } from '../domain/errors.js';
import { toUtcTimestamp } from '../domain/time.js';
import type { Actor, Agreement, Ceremony } from '../domain/types.js';
import type { TCreateCeremony } from '../schemas/commands.js';
import { getConference } from './conferences.js';
import type { Page, PageRequest, UseCaseDeps } from './ports.js';

export async function createCeremony({
  conferenceId,
  input,
  deps,
}: {
  conferenceId: string;
  input: TCreateCeremony;
  deps: UseCaseDeps;
}): Promise<Ceremony> {
  await getConference({ conferenceId, deps });
  const agreements = (
    await Promise.all([...new Set(input.agreementIds)].map((id) => deps.store.getAgreement(id)))
  ).filter((agreement): agreement is Agreement => agreement !== undefined);
  const ceremony = newCeremony(
    { ...input, scheduledAt: toUtcTimestamp(input.scheduledAt) },
    conferenceId,
    new Map(agreements.map((agreement) => [agreement.id, agreement.conferenceId])),
    deps.newId(),
    toUtcTimestamp(deps.clock()),
  );
  const agreementParties = Object.fromEntries(
    agreements.map((agreement) => [agreement.id, partiesOf(agreement)]),
  );
  await deps.store.createCeremony(ceremony, agreementParties);
  return ceremony;
}

export async function getCeremony(args: {
  ceremonyId: string;
  actor: Actor;
  deps: UseCaseDeps;
}): Promise<Ceremony> {
  return (await readCeremonyInScope(args)).ceremony;
}

/**
 * The ceremony as its reader sees it (a member: only the agreements its party
 * signs), and how many agreements it covers in all.
 */
export async function readCeremonyInScope({
  ceremonyId,
  actor,
  deps,
}: {
  ceremonyId: string;
  actor: Actor;
  deps: UseCaseDeps;
}): Promise<{ ceremony: Ceremony; agreementsInCeremony: number }> {
  const stored = await deps.store.getCeremony(ceremonyId);
  if (!stored) throw new NotFoundError('Ceremony not found.');
  assertMayRead(actor, stored.partyCodes, 'Ceremony');
  const { partyCodes: _partyCodes, agreementParties, ...ceremony } = stored;
  return {
    ceremony: {
      ...ceremony,
      agreementIds: agreementIdsInScope(ceremony.agreementIds, agreementParties, partyScope(actor)),
    },
    agreementsInCeremony: ceremony.agreementIds.length,
  };
}

export async function listCeremonies(args: {
  conferenceId: string;
  page: PageRequest;
  actor: Actor;
  deps: UseCaseDeps;
}): Promise<Page<Ceremony>> {
  await getConference(args);
  return args.deps.store.listCeremonies(args.conferenceId, args.page, partyScope(args.actor));
}
