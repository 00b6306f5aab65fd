import type { Act } from './acts.js';
import {
  applyRecordedAct,
  type ChangeContext,
  changeAgreementStatus,
  changeSignatory,
  createAgreement,
  type SignatoryChange,
} from './agreement-changes.js';
import { DomainError } from './errors.js';
import { canonicalSha256, verifyChain } from './hash-chain.js';
import { type RosterEntry, rosterHash, rosterOf } from './roster.js';
import type { Agreement, AuditAction, AuditEvent, EntryIntoForceRule, Person } from './types.js';

/**
 * What a summary may show: only a state that its events vouch for.
 *
 *   1. the events verify as a chain ending at the head the agreement points at;
 *   2. replaying them through the same transitions that wrote them gives
 *      exactly the stored state (every field, every signatory);
 *   3. the roster fixed at creation hashes to the creation event's
 *      `rosterSha256` (agreements created before it existed skip this).
 *
 * The replay uses the domain's own change functions, so there is one way a
 * state follows from events, whether written or checked.
 */

/** The stored record and its events disagree; `firstBadSeq` is where to start looking. */
export class IntegrityError extends DomainError {
  constructor(
    readonly agreementId: string,
    readonly firstBadSeq: number,
    readonly finding: 'chain' | 'state' | 'roster' | 'replay',
    readonly fields: readonly string[] = [],
  ) {
    super(
      `The record of agreement ${agreementId} does not match its audit chain from event ${firstBadSeq}; no summary is issued.`,
    );
  }
}

const contextOf = (event: AuditEvent): ChangeContext => ({
  actor: event.actor,
  requestId: event.requestId,
  at: event.at,
});

type Replayer = (
  state: Agreement | undefined,
  event: AuditEvent,
  roster: readonly RosterEntry[],
) => Agreement;

/** An event that carries its act (`data.act`) replays through the fold that recorded it. */
const afterAct: Replayer = (state, event) =>
  applyRecordedAct(need(state, event), event.data.act as Act);

/**
 * A v1 signatory event: its fields go through the state machine (so an
 * edited or refused event shows), and its act through the fold that
 * recorded it (acts, progress, entry into force).
 */
const afterSignatoryChange =
  (change: (data: Record<string, unknown>) => SignatoryChange): Replayer =>
  (state, event) => {
    const before = need(state, event);
    const party = event.party ?? '';
    const checked = changeSignatory(before, party, change(event.data), contextOf(event)).after;
    if (!event.data.act) return checked;
    const applied = applyRecordedAct(before, event.data.act as Act);
    const { acts: _acts, ...fields } = checked.signatories.find((s) => s.party === party)!;
    return {
      ...applied,
      signatories: applied.signatories.map((s) =>
        s.party === party ? { ...fields, acts: s.acts } : s,
      ),
    };
  };

function need(state: Agreement | undefined, event: AuditEvent): Agreement {
  if (!state) throw new ReplayError(event.seq);
  return state;
}

class ReplayError extends Error {
  constructor(readonly seq: number) {
    super(`Event ${seq} cannot be replayed`);
  }
}

const optional = <K extends string>(key: K, value: unknown) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;

/** How each action changes the state; a new action must say how it replays. */
const replayers: Readonly<Record<AuditAction, Replayer>> = {
  AGREEMENT_CREATED: (_state, event, roster) => {
    const data = event.data as {
      conferenceId: string;
      title: string;
      kind: string;
      documentSha256: string;
      entryIntoForce: EntryIntoForceRule;
      signatories: string[];
    };
    const byParty = new Map(roster.map((entry) => [entry.party, entry]));
    return createAgreement(
      {
        id: event.agreementId,
        title: data.title,
        kind: data.kind,
        documentSha256: data.documentSha256,
        entryIntoForce: data.entryIntoForce,
        signatories: data.signatories.map((party) => ({
          party,
          ...(byParty.get(party)?.representative && {
            representative: byParty.get(party)!.representative,
          }),
        })),
      },
      { id: data.conferenceId, parties: roster.map((e) => ({ code: e.party, name: e.partyName })) },
      contextOf(event),
    ).after;
  },
  AGREEMENT_OPENED: (state, event) =>
    changeAgreementStatus(need(state, event), 'open', contextOf(event)).after,
  AGREEMENT_CLOSED: (state, event) =>
    changeAgreementStatus(need(state, event), 'close', contextOf(event)).after,
  SIGNATURE_RECORDED: afterSignatoryChange((data) => ({
    action: 'sign',
    signedBy: data.signedBy as Person,
    signedAt: data.signedAt as string,
    ...optional('place', data.place),
    ...optional('ceremonyId', data.ceremonyId),
  })),
  SIGNATURE_DECLINED: afterSignatoryChange((data) => ({
    action: 'decline',
    ...optional('reason', data.reason),
  })),
  SIGNATURE_WITHDRAWN: afterSignatoryChange((data) => ({
    action: 'withdraw',
    reason: data.reason as string,
  })),
  ACT_RECORDED: afterAct,
};

/**
 * The agreement as its events say it is. `roster` supplies what the events
 * only hash (party names, representatives).
 */
export function replayAgreement(
  events: readonly AuditEvent[],
  roster: readonly RosterEntry[],
): Agreement {
  let state: Agreement | undefined;
  for (const event of events) {
    const replay = replayers[event.action];
    if (!replay) throw new ReplayError(event.seq);
    try {
      // The chain itself is checked by `verifyChain`; the replay speaks for the state.
      state = {
        ...replay(state, event, roster),
        chain: { headSeq: event.seq, headHash: event.hash },
        version: event.seq,
      };
    } catch (error) {
      if (error instanceof ReplayError) throw error;
      // The state machine refuses this event after the ones before it.
      throw new ReplayError(event.seq);
    }
  }
  if (!state) throw new ReplayError(1);
  return state;
}

/** Top-level fields, and `signatories.<party>.<field>`, whose values differ. */
function differingFields(stored: Agreement, replayed: Agreement): string[] {
  const differs = (a: unknown, b: unknown) =>
    canonicalSha256(a ?? null) !== canonicalSha256(b ?? null);
  const keys = new Set([...Object.keys(stored), ...Object.keys(replayed)]);
  keys.delete('signatories');
  const fields = [...keys]
    .filter((key) => differs(stored[key as keyof Agreement], replayed[key as keyof Agreement]))
    .sort();
  const replayedByParty = new Map(replayed.signatories.map((s) => [s.party, s]));
  for (const signatory of stored.signatories) {
    const expected = replayedByParty.get(signatory.party);
    replayedByParty.delete(signatory.party);
    if (!expected) {
      fields.push(`signatories.${signatory.party}`);
      continue;
    }
    const names = new Set([...Object.keys(signatory), ...Object.keys(expected)]);
    for (const name of [...names].sort()) {
      if (
        differs(signatory[name as keyof typeof signatory], expected[name as keyof typeof expected])
      )
        fields.push(`signatories.${signatory.party}.${name}`);
    }
  }
  for (const party of replayedByParty.keys()) fields.push(`signatories.${party}`);
  if (
    fields.length === 0 &&
    differs(
      stored.signatories.map((s) => s.party),
      replayed.signatories.map((s) => s.party),
    )
  )
    fields.push('signatories');
  return fields;
}

/** The newest event about `party`, else the head: where a wrong field was last set. */
function lastSeqAbout(field: string, events: readonly AuditEvent[], headSeq: number): number {
  const party = /^signatories\.([^.]+)/.exec(field)?.[1];
  const about = party ? events.findLast((event) => event.party === party) : undefined;
  return about?.seq ?? (party ? 1 : headSeq);
}

/**
 * Checks `agreement` (as stored) against `events` (all of them, in seq
 * order) and returns the head they verify to. Throws {@link IntegrityError}
 * naming the first bad seq otherwise.
 */
export function assertRecordIntegrity(
  agreement: Agreement,
  events: readonly AuditEvent[],
): { readonly seq: number; readonly hash: string } {
  const head = { seq: agreement.chain.headSeq, hash: agreement.chain.headHash };
  const chain = verifyChain(events, head);
  if (!chain.valid) throw new IntegrityError(agreement.id, chain.firstInvalidSeq ?? 1, 'chain');

  const roster = rosterOf(agreement.signatories);
  const recordedRoster = events[0]?.data.rosterSha256;
  if (recordedRoster !== undefined && recordedRoster !== rosterHash(roster))
    throw new IntegrityError(agreement.id, 1, 'roster');

  let replayed: Agreement;
  try {
    replayed = replayAgreement(events, roster);
  } catch (error) {
    if (error instanceof ReplayError) throw new IntegrityError(agreement.id, error.seq, 'replay');
    throw error;
  }
  const fields = differingFields(agreement, replayed);
  if (fields.length > 0) {
    const firstBadSeq = Math.min(...fields.map((f) => lastSeqAbout(f, events, head.seq)));
    throw new IntegrityError(agreement.id, firstBadSeq, 'state', fields);
  }
  return head;
}
