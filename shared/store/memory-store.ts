import { type AgreementParties, agreementIdsInScope, partiesOf } from '../domain/access.js';
import type { DepositaryNotification } from '../domain/acts.js';
import type { AgreementTransition } from '../domain/agreement-changes.js';
import { ConcurrentChangeError } from '../domain/errors.js';
import type { Agreement, AuditEvent, Ceremony, Conference } from '../domain/types.js';
import type {
  AgreementHead,
  AuditPageRequest,
  AuditStore,
  AuditWindow,
} from '../use-cases/audit.js';
import type {
  AgreementSummary,
  NotificationQuery,
  Page,
  PageRequest,
  SigningStore,
} from '../use-cases/ports.js';
import { decodeCursor, encodeCursor, invalidCursor } from './cursor.js';
import { eventAuditKey } from './keys.js';

/**
 * The ports (`SigningStore`, `AuditStore`) in memory, for fast tests of the
 * use cases and of the HTTP stack. It keeps the DynamoDB adapter's
 * contract, which one suite checks against both
 * (`tests/contract/store-contract.ts`): conditional writes that lose a race
 * throw `ConcurrentChangeError` and write nothing; listings are newest
 * first; histories oldest first; the audit query runs by time; cursors come
 * from the one codec (`cursor.ts`) and are bound to their listing or query.
 * Everything is copied in and out, as storage would.
 */

const copy = <T>(value: T): T => structuredClone(value);

type StoredCeremony = Ceremony & {
  readonly partyCodes: readonly string[];
  readonly agreementParties: AgreementParties;
};

/** Ids are ULIDs: newest first is descending id order. */
const newestFirst = (a: { id: string }, b: { id: string }) => (a.id < b.id ? 1 : -1);

function page<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  binding: string,
  request: PageRequest,
): Page<T> {
  let start = 0;
  if (request.cursor) {
    const { k } = decodeCursor<{ k: string }>(request.cursor, binding, 'listing', ({ k }) => {
      return typeof k === 'string';
    });
    // Nothing is ever deleted, so the last item of the previous page is still there.
    start = items.findIndex((item) => keyOf(item) === k) + 1;
    if (start === 0) throw invalidCursor('listing');
  }
  const slice = items.slice(start, start + request.limit);
  const last = slice.at(-1);
  const hasMore = start + request.limit < items.length;
  return {
    items: slice.map(copy),
    nextCursor: hasMore && last ? encodeCursor(binding, { k: keyOf(last) }) : null,
  };
}

export class MemoryStore implements SigningStore, AuditStore {
  private readonly conferences = new Map<string, Conference>();
  private readonly agreements = new Map<string, Agreement>();
  private readonly ceremonies = new Map<string, StoredCeremony>();
  private readonly events = new Map<string, AuditEvent[]>();
  /** Notifications by `<prefix>/<year>`, in number order: the last one's n is the counter. */
  private readonly notifications = new Map<string, DepositaryNotification[]>();

  async createConference(conference: Conference): Promise<void> {
    if (this.conferences.has(conference.id)) throw lostRace();
    this.conferences.set(conference.id, copy(conference));
  }

  async getConference(id: string): Promise<Conference | undefined> {
    return copy(this.conferences.get(id));
  }

  async listConferences(request: PageRequest): Promise<Page<Conference>> {
    const all = [...this.conferences.values()].sort(newestFirst);
    return page(all, (conference) => conference.id, 'CONFERENCES', request);
  }

  async createAgreement({ after, events }: AgreementTransition): Promise<void> {
    if (this.agreements.has(after.id) || this.events.has(after.id)) throw lostRace();
    this.agreements.set(after.id, copy(after));
    this.events.set(after.id, copy([...events]));
  }

  async getAgreement(id: string): Promise<Agreement | undefined> {
    return copy(this.agreements.get(id));
  }

  async listAgreements(
    conferenceId: string,
    request: PageRequest,
    onlyParty?: string,
  ): Promise<Page<AgreementSummary>> {
    const all = [...this.agreements.values()]
      .filter((agreement) => agreement.conferenceId === conferenceId)
      .filter((agreement) => onlyParty === undefined || partiesOf(agreement).includes(onlyParty))
      .sort(newestFirst)
      .map(({ signatories: _signatories, ...summary }) => summary);
    return page(all, (agreement) => agreement.id, `CONF#${conferenceId}#AGREEMENTS`, request);
  }

  async commitAgreementChange({
    before,
    after,
    signatory,
    events,
    notification,
  }: AgreementTransition) {
    if (!before) throw new TypeError('commitAgreementChange needs the state it changes');
    const current = this.agreements.get(after.id);
    if (!current || current.chain.headSeq !== before.chain.headSeq) throw lostRace();
    const previous = signatory && before.signatories.find((s) => s.party === signatory.party);
    const stored = signatory && current.signatories.find((s) => s.party === signatory.party);
    if (previous && stored && stored.status !== previous.status) throw lostRace();
    const history = this.events.get(after.id) ?? [];
    if (events.some((event) => history.some((old) => old.seq === event.seq))) throw lostRace();
    const numbered = notification && `${notification.prefix}/${notification.year}`;
    const issued = (numbered && this.notifications.get(numbered)) || [];
    if (notification && (issued.at(-1)?.n ?? 0) !== notification.n - 1) throw lostRace();
    this.agreements.set(after.id, copy(after));
    this.events.set(after.id, [...history, ...copy([...events])]);
    if (numbered && notification) this.notifications.set(numbered, [...issued, copy(notification)]);
  }

  async lastNotificationNumber(prefix: string, year: number): Promise<number> {
    return this.notifications.get(`${prefix}/${year}`)?.at(-1)?.n ?? 0;
  }

  async listNotifications(query: NotificationQuery): Promise<Page<DepositaryNotification>> {
    const all = [...this.notifications.entries()]
      .filter(([numbered]) => numbered.startsWith(`${query.prefix}/`))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .flatMap(([, issued]) => issued)
      .filter((n) => query.from === undefined || n.issuedOn >= query.from)
      .filter((n) => query.to === undefined || n.issuedOn <= query.to)
      .filter((n) => query.agreementId === undefined || n.agreementId === query.agreementId)
      .filter((n) => {
        const agreement = this.agreements.get(n.agreementId);
        return (
          query.onlyParty === undefined ||
          (!!agreement && partiesOf(agreement).includes(query.onlyParty))
        );
      });
    return page(all, (n) => n.notification, `NOTIFICATIONS#${query.prefix}`, query);
  }

  async agreementEvents(agreementId: string): Promise<AuditEvent[]> {
    return copy(this.events.get(agreementId) ?? []);
  }

  async createCeremony(ceremony: Ceremony, agreementParties: AgreementParties): Promise<void> {
    if (this.ceremonies.has(ceremony.id)) throw lostRace();
    const partyCodes = [...new Set(Object.values(agreementParties).flat())];
    this.ceremonies.set(ceremony.id, copy({ ...ceremony, partyCodes, agreementParties }));
  }

  async getCeremony(id: string): Promise<StoredCeremony | undefined> {
    return copy(this.ceremonies.get(id));
  }

  async listCeremonies(
    conferenceId: string,
    request: PageRequest,
    onlyParty?: string,
  ): Promise<Page<Ceremony>> {
    const all = [...this.ceremonies.values()]
      .filter((ceremony) => ceremony.conferenceId === conferenceId)
      .filter((ceremony) => onlyParty === undefined || ceremony.partyCodes.includes(onlyParty))
      .sort(newestFirst)
      .map(({ partyCodes: _partyCodes, agreementParties, ...ceremony }) => ({
        ...ceremony,
        agreementIds: agreementIdsInScope(ceremony.agreementIds, agreementParties, onlyParty),
      }));
    return page(all, (ceremony) => ceremony.id, `CONF#${conferenceId}#CEREMONIES`, request);
  }

  async ping(): Promise<void> {}

  // ─── AuditStore ──────────────────────────────────────────────────────────

  async getChainHead(agreementId: string): Promise<AgreementHead | undefined> {
    const agreement = this.agreements.get(agreementId);
    if (!agreement) return undefined;
    const { headSeq, headHash } = agreement.chain;
    return { seq: headSeq, hash: headHash, partyCodes: partiesOf(agreement) };
  }

  async listEvents(agreementId: string, request: PageRequest): Promise<Page<AuditEvent>> {
    const history = this.events.get(agreementId) ?? [];
    return page(history, (event) => String(event.seq), `EVT#${agreementId}`, request);
  }

  async listAllEvents(agreementId: string): Promise<AuditEvent[]> {
    return copy(this.events.get(agreementId) ?? []);
  }

  async earliestActivity(): Promise<string | undefined> {
    const created = [...this.conferences.values()].map((conference) => conference.createdAt);
    return created.sort()[0];
  }

  async queryEvents(request: AuditPageRequest): Promise<Page<AuditEvent>> {
    const sortKey = (event: AuditEvent) =>
      eventAuditKey(event.agreementId, event.seq, event.at).GSI2SK;
    const resumed = request.cursor
      ? decodeCursor<{ w: AuditWindow; k: string }>(
          request.cursor,
          request.binding,
          'query',
          ({ w, k }) =>
            typeof k === 'string' &&
            typeof (w as AuditWindow | undefined)?.from === 'string' &&
            typeof (w as AuditWindow | undefined)?.to === 'string',
        )
      : undefined;
    const window = resumed?.w ?? request.window;
    if (!window) throw new TypeError('queryEvents needs a window or a cursor');
    const { action, party, actor } = request.filters;
    const matching = [...this.events.values()]
      .flat()
      .filter(
        (event) =>
          event.at >= window.from &&
          event.at < window.to &&
          (action === undefined || event.action === action) &&
          (party === undefined || event.party === party) &&
          (actor === undefined || event.actor.sub === actor) &&
          (resumed === undefined || sortKey(event) > resumed.k),
      )
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    const items = matching.slice(0, request.limit);
    const last = items.at(-1);
    return {
      items: copy(items),
      nextCursor:
        matching.length > request.limit && last
          ? encodeCursor(request.binding, { w: window, k: sortKey(last) })
          : null,
    };
  }
}

const lostRace = () =>
  new ConcurrentChangeError('The record changed while this request was being processed.');
