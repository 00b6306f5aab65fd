import { assertMayRead } from '../domain/access.js';
import { NotFoundError } from '../domain/errors.js';
import { type ChainHead, type ChainVerification, verifyChain } from '../domain/hash-chain.js';
import { toUtcTimestamp } from '../domain/time.js';
import type { Actor, AuditAction, AuditEvent } from '../domain/types.js';
import type { TAuditQuery } from '../schemas/audit.js';
import type { Page, PageRequest } from './ports.js';

/**
 * Reading the record back: an agreement's history (paged or whole), the
 * verification of its hash chain, and the audit query across agreements.
 * Nothing here writes. Who may call these is decided by the route table
 * (auditor and secretariat), what an agreement's reader sees by the one
 * visibility rule (`shared/domain/access.ts`).
 */

/** An agreement's chain head, and its parties (for the visibility rule). */
export interface AgreementHead extends ChainHead {
  readonly partyCodes: readonly string[];
}

export interface AuditFilters {
  readonly action?: AuditAction;
  readonly party?: string;
  /** `actor.sub` */
  readonly actor?: string;
}

/** A half-open time window, `from` ≤ at < `to`, both UTC timestamps as stored. */
export interface AuditWindow {
  readonly from: string;
  readonly to: string;
}

export interface AuditPageRequest {
  readonly filters: AuditFilters;
  /**
   * The query as the client asked for it. A cursor is only valid for the
   * query it was issued for; the store checks it against this.
   */
  readonly binding: string;
  readonly limit: number;
  /** The window of a first page. A later page takes its window from `cursor`. */
  readonly window?: AuditWindow;
  readonly cursor?: string;
}

/** What the audit use cases need from storage, beyond the signing store. */
export interface AuditStore {
  /** The head the agreement record points at, or undefined for an unknown agreement. */
  getChainHead(agreementId: string): Promise<AgreementHead | undefined>;
  /** One page of an agreement's events, oldest first; the cursor is bound to the agreement. */
  listEvents(agreementId: string, page: PageRequest): Promise<Page<AuditEvent>>;
  /** Every event of an agreement in storage order (by seq), read strongly consistently. */
  listAllEvents(agreementId: string): Promise<AuditEvent[]>;
  /**
   * The earliest instant any event can carry: the `createdAt` of the oldest
   * conference (every event belongs to an agreement of a conference created
   * before it). Undefined while there is no conference.
   */
  earliestActivity(): Promise<string | undefined>;
  /**
   * Events of all agreements in `window`, oldest first, matching `filters`.
   * Each call does a bounded amount of work whatever the size of the table;
   * a page may therefore hold fewer than `limit` items (even none) while
   * `nextCursor` is not null.
   */
  queryEvents(request: AuditPageRequest): Promise<Page<AuditEvent>>;
}

export interface AuditDeps {
  readonly audit: AuditStore;
  readonly clock: () => Date;
}

/**
 * Clocks of different Lambda containers agree to within milliseconds; this
 * margin keeps an event stamped a little before "its" conference (by another
 * container's clock) inside the default window.
 */
export const CLOCK_SKEW_MARGIN_MS = 5 * 60 * 1000;

const EMPTY_PAGE: Page<never> = { items: [], nextCursor: null };

async function chainHeadOf(
  agreementId: string,
  reader: Actor,
  deps: AuditDeps,
): Promise<ChainHead> {
  const head = await deps.audit.getChainHead(agreementId);
  if (!head) throw new NotFoundError('Agreement not found.');
  assertMayRead(reader, head.partyCodes, 'Agreement');
  return { seq: head.seq, hash: head.hash };
}

/** One page of an agreement's events, oldest first. */
export async function getAgreementHistory({
  agreementId,
  page,
  reader,
  deps,
}: {
  agreementId: string;
  page: PageRequest;
  reader: Actor;
  deps: AuditDeps;
}): Promise<Page<AuditEvent>> {
  // Both reads at once; an unknown (or unseen) agreement is a 404 even when its cursor is bad too.
  const [head, events] = await Promise.allSettled([
    chainHeadOf(agreementId, reader, deps),
    deps.audit.listEvents(agreementId, page),
  ]);
  if (head.status === 'rejected') throw head.reason;
  if (events.status === 'rejected') throw events.reason;
  return events.value;
}

/** The whole history for an export, and the head the agreement pointed at when it began. */
export async function exportAgreementHistory({
  agreementId,
  reader,
  deps,
}: {
  agreementId: string;
  reader: Actor;
  deps: AuditDeps;
}): Promise<{ head: ChainHead; events: AuditEvent[] }> {
  const head = await chainHeadOf(agreementId, reader, deps);
  return { head, events: await deps.audit.listAllEvents(agreementId) };
}

const VERIFY_ATTEMPTS = 3;

/**
 * Recomputes the agreement's chain from the events as stored and checks it
 * ends at the head the agreement points at. The head is read before the
 * events, so a change committed in between shows up as events past the
 * head: that case alone is read again (a few times) before it is reported.
 */
export async function verifyAgreementHistory({
  agreementId,
  reader,
  deps,
}: {
  agreementId: string;
  reader: Actor;
  deps: AuditDeps;
}): Promise<ChainVerification> {
  for (let attempt = 1; ; attempt++) {
    const { head, events } = await exportAgreementHistory({ agreementId, reader, deps });
    const result = verifyChain(events, head);
    if (result.valid || events.length <= head.seq || attempt >= VERIFY_ATTEMPTS) return result;
  }
}

/** The query a cursor is bound to: everything but `limit` and `cursor`. */
export function auditBinding(query: Omit<TAuditQuery, 'limit' | 'cursor'>): string {
  const { from, to, action, party, actor } = query;
  return JSON.stringify([from ?? null, to ?? null, action ?? null, party ?? null, actor ?? null]);
}

/**
 * Events across agreements by time, oldest first. A first page fixes the
 * window: from `from` (at the earliest, the oldest conference's creation)
 * to `to` (at the latest, now); the cursor carries it to later pages, so a
 * walk through the pages reads one well-defined window.
 */
export async function queryAudit({
  query,
  deps,
}: {
  query: TAuditQuery;
  deps: AuditDeps;
}): Promise<Page<AuditEvent>> {
  const { from, to, action, party, actor, limit, cursor } = query;
  const filters: AuditFilters = {
    ...(action && { action }),
    ...(party && { party }),
    ...(actor && { actor }),
  };
  const binding = auditBinding(query);
  if (cursor) return deps.audit.queryEvents({ filters, binding, limit, cursor });

  const now = toUtcTimestamp(deps.clock());
  const end = to !== undefined && to < now ? to : now;
  const earliest = await deps.audit.earliestActivity();
  if (earliest === undefined) return EMPTY_PAGE;
  const floor = toUtcTimestamp(new Date(Date.parse(earliest) - CLOCK_SKEW_MARGIN_MS));
  const start = from !== undefined && from > floor ? from : floor;
  if (start >= end) return EMPTY_PAGE;
  return deps.audit.queryEvents({ filters, binding, limit, window: { from: start, to: end } });
}
