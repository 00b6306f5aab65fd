import type { AgreementParties } from '../domain/access.js';
import type { DepositaryNotification } from '../domain/acts.js';
import type { AgreementTransition } from '../domain/agreement-changes.js';
import { IANA_TIME_ZONES } from '../domain/iana-time-zones.js';
import type { Agreement, AuditEvent, Ceremony, Conference } from '../domain/types.js';

/**
 * What the use cases need from storage. The DynamoDB adapter in
 * `shared/store/` implements it, and so does the in-memory store
 * (`shared/store/memory-store.ts`) that fast tests use; one contract suite
 * (`tests/contract/store-contract.ts`) holds both to the same behaviour.
 */

export interface PageRequest {
  readonly limit: number;
  /** Opaque cursor from a previous page of the same listing. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** An agreement in a listing: everything but the signatory roster. */
export type AgreementSummary = Omit<Agreement, 'signatories'>;

export interface SigningStore {
  createConference(conference: Conference): Promise<void>;
  getConference(id: string): Promise<Conference | undefined>;
  listConferences(page: PageRequest): Promise<Page<Conference>>;

  /** Persists a new agreement with its first events, atomically. */
  createAgreement(transition: AgreementTransition): Promise<void>;
  getAgreement(id: string): Promise<Agreement | undefined>;
  /** A conference's agreements, newest first; `onlyParty` keeps those it is a signatory of. */
  listAgreements(
    conferenceId: string,
    page: PageRequest,
    onlyParty?: string,
  ): Promise<Page<AgreementSummary>>;
  /**
   * Persists a change of an existing agreement and its events atomically,
   * provided the agreement is still at `transition.before`'s chain head.
   * Throws `ConcurrentChangeError` when it is not (someone else changed it).
   */
  commitAgreementChange(transition: AgreementTransition): Promise<void>;

  /** Stores the ceremony with the parties of each agreement it covers (for members' views). */
  createCeremony(ceremony: Ceremony, agreementParties: AgreementParties): Promise<void>;
  getCeremony(id: string): Promise<
    | (Ceremony & {
        readonly partyCodes: readonly string[];
        readonly agreementParties?: AgreementParties;
      })
    | undefined
  >;
  /**
   * A conference's ceremonies, newest first; `onlyParty` keeps those it is
   * party to, each listing only the agreements it signs.
   */
  listCeremonies(
    conferenceId: string,
    page: PageRequest,
    onlyParty?: string,
  ): Promise<Page<Ceremony>>;

  /** The last notification number issued for `prefix` in `year` (0 before the first). */
  lastNotificationNumber(prefix: string, year: number): Promise<number>;
  /** Notifications in number order; `onlyParty` keeps those of agreements it is a signatory of. */
  listNotifications(query: NotificationQuery): Promise<Page<DepositaryNotification>>;
  /** An agreement's events, oldest first. */
  agreementEvents(agreementId: string): Promise<AuditEvent[]>;

  /** Cheap reachability check of the table. */
  ping(): Promise<void>;
}

export interface NotificationQuery extends PageRequest {
  readonly prefix: string;
  /** Issue dates, inclusive, in the depositary's calendar. */
  readonly from?: string;
  readonly to?: string;
  readonly agreementId?: string;
  readonly onlyParty?: string;
}

/** The depositary: whose calendar dates acts, and the prefix of its notification numbers. */
export interface Depositary {
  readonly timeZone: string;
  readonly notificationPrefix: string;
}

export const DEFAULT_DEPOSITARY: Depositary = { timeZone: 'UTC', notificationPrefix: 'DN' };

/**
 * `DEPOSITARY_TIME_ZONE` (an IANA name as the API accepts them, default UTC)
 * and `NOTIFICATION_PREFIX` (default DN); refused at start when malformed.
 * Checked against the name list rather than by building an Intl formatter:
 * the first formatter of a process loads ICU's zone data (~20 ms of every
 * cold start, measured), which only the requests that format dates need.
 */
export function depositaryFromEnv(env: NodeJS.ProcessEnv = process.env): Depositary {
  const timeZone = env.DEPOSITARY_TIME_ZONE || DEFAULT_DEPOSITARY.timeZone;
  const notificationPrefix = env.NOTIFICATION_PREFIX || DEFAULT_DEPOSITARY.notificationPrefix;
  if (!IANA_TIME_ZONES.includes(timeZone))
    throw new Error(`DEPOSITARY_TIME_ZONE ${timeZone} is not an IANA time zone name`);
  if (!/^[A-Z][A-Z0-9.-]{0,15}$/.test(notificationPrefix))
    throw new Error(`NOTIFICATION_PREFIX ${notificationPrefix} must match ^[A-Z][A-Z0-9.-]{0,15}$`);
  return { timeZone, notificationPrefix };
}

/** Dependencies every use case receives, so tests can pass their own. */
export interface UseCaseDeps {
  readonly store: SigningStore;
  readonly clock: () => Date;
  readonly newId: () => string;
  readonly depositary?: Depositary;
}
