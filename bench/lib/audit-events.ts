import { ulid } from 'ulidx';
import { appendEvents, EMPTY_CHAIN } from '../../shared/domain/hash-chain.js';
import type { AuditAction, AuditEvent } from '../../shared/domain/types.js';
import {
  conferenceKey,
  conferenceListKey,
  eventAuditKey,
  eventKey,
} from '../../shared/store/keys.js';
import { benchParties, benchPlace, benchSigner } from './model.js';

/**
 * Audit events written straight to the table (not through the API), shaped
 * like the store's event items (`eventItem` in dynamodb-signing-store.ts:
 * base key EVT#<agreement>/<seq>, GSI2 key AUDIT#<day>/<at>#<agreement>#<seq>,
 * the event with a real hash chain), plus the conference item whose
 * `createdAt` opens the audit query's default window.
 */

type Item = Record<string, unknown>;

export interface AuditLoadOptions {
  readonly agreements: number;
  readonly eventsPerAgreement: number;
  /** Agreements start on days 0 … spreadDays-1 after `start`, round robin. */
  readonly spreadDays: number;
  /** Minutes between two events of one agreement. */
  readonly minutesApart: number;
  /** The conference's creation; the first agreement's first event follows a minute later. */
  readonly start: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function actionOf(seq: number): AuditAction {
  if (seq === 1) return 'AGREEMENT_CREATED';
  if (seq === 2) return 'AGREEMENT_OPENED';
  if (seq % 17 === 0) return 'SIGNATURE_DECLINED';
  if (seq % 23 === 0) return 'SIGNATURE_WITHDRAWN';
  return 'SIGNATURE_RECORDED';
}

function dataOf(action: AuditAction, seq: number, total: number, at: string, conferenceId: string) {
  switch (action) {
    case 'AGREEMENT_CREATED':
      return {
        conferenceId,
        title: 'Protocol of Intent on Digital Cooperation',
        kind: 'protocol',
        documentSha256: '9f2c1a0b7e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3',
        entryIntoForce: { rule: 'count', count: Math.ceil(total / 2) },
        signatories: benchParties(Math.min(total, 100)).map((party) => party.code),
      };
    case 'AGREEMENT_OPENED':
      return {};
    case 'SIGNATURE_RECORDED':
      return {
        signedBy: benchSigner(seq),
        signedAt: at,
        place: benchPlace(seq),
        previousStatus: 'pending',
        progress: { signed: seq - 2, total },
      };
    default:
      return {
        reason: 'Ratification by the Jogorku Kenesh is pending',
        previousStatus: action === 'SIGNATURE_WITHDRAWN' ? 'signed' : 'pending',
        progress: { signed: seq - 3, total },
      };
  }
}

export function auditLoad(options: AuditLoadOptions): { conference: Item; events: Item[] } {
  const conferenceId = ulid(options.start.getTime());
  const createdAt = options.start.toISOString();
  const parties = benchParties(Math.min(options.eventsPerAgreement, 100));
  const conference: Item = {
    ...conferenceKey(conferenceId),
    ...conferenceListKey(conferenceId),
    type: 'conference',
    id: conferenceId,
    name: 'XXIV Zirvə — Türk Dövlətləri Təşkilatı',
    venue: { city: 'Чолпон-Ата', country: 'Кыргызстан' },
    timeZone: 'Asia/Bishkek',
    startDate: createdAt.slice(0, 10),
    parties,
    createdAt,
    version: 1,
  };
  const events: Item[] = [];
  for (let j = 0; j < options.agreements; j++) {
    const first =
      options.start.getTime() +
      60_000 +
      (j % options.spreadDays) * DAY_MS +
      Math.floor(j / options.spreadDays) * 7 * 60_000;
    const agreementId = ulid(first);
    const drafts = Array.from({ length: options.eventsPerAgreement }, (_, index) => {
      const seq = index + 1;
      const at = new Date(first + index * options.minutesApart * 60_000).toISOString();
      const action = actionOf(seq);
      const party = seq > 2 ? parties[(seq - 3) % parties.length]!.code : undefined;
      return {
        agreementId,
        at,
        action,
        ...(party && { party }),
        actor: { sub: 'bench-secretariat', role: 'secretariat' as const },
        data: dataOf(action, seq, options.eventsPerAgreement, at, conferenceId),
        requestId: `bench-${j}-${seq}`,
      };
    });
    for (const event of appendEvents(EMPTY_CHAIN, drafts) as AuditEvent[]) {
      events.push({
        ...eventKey(event.agreementId, event.seq),
        ...eventAuditKey(event.agreementId, event.seq, event.at),
        type: 'event',
        ...event,
      });
    }
  }
  return { conference, events };
}
