/**
 * The single-table key design: the one place that knows key shapes.
 *
 *  item              PK               SK                GSI1PK / GSI1SK                  GSI2PK / GSI2SK
 *  ───────────────── ──────────────── ───────────────── ──────────────────────────────── ─────────────────────────────
 *  conference        CONF#<id>        CONF              CONFERENCES / <id>
 *  agreement         AGR#<id>         AGR               CONF#<conf>#AGREEMENTS / <id>
 *  roster chunk      AGR#<id>         ROSTER#<nnnn>
 *  signatory state   AGR#<id>         SIG#<party>
 *  ceremony          CER#<id>         CER               CONF#<conf>#CEREMONIES / <id>
 *  audit event       EVT#<agr>        <seq, 10 digits>                                    AUDIT#<yyyy-mm-dd> / <at>#<agr>#<seq>
 *  notification no.  NOTIF#<prefix>   COUNTER#<yyyy>                  the last number issued that year
 *  notification      NOTIF#<prefix>   <yyyy>#<n, 10 digits>
 *
 * One Query on `AGR#<id>` returns the agreement's whole current state
 * (AGR < ROSTER#… < SIG#… in sort order); events live in their own
 * partition so that reading state never drags the history along. Ids are
 * ULIDs, so GSI1 sort keys list newest first with ScanIndexForward=false.
 */

export const KEY = { partition: 'PK', sort: 'SK' } as const;
export const GSI1 = { name: 'GSI1', partition: 'GSI1PK', sort: 'GSI1SK' } as const;
export const GSI2 = { name: 'GSI2', partition: 'GSI2PK', sort: 'GSI2SK' } as const;
/** Epoch seconds after which DynamoDB TTL deletes an item (idempotency records). */
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * The item the health check reads (it need not exist). The public function's
 * role may read this partition and no other (`dynamodb:LeadingKeys`).
 */
export const HEALTH_KEY = { PK: 'HEALTH', SK: 'HEALTH' } as const;

export const conferenceKey = (id: string) => ({ PK: `CONF#${id}`, SK: 'CONF' });
export const conferenceListKey = (id: string) => ({ GSI1PK: 'CONFERENCES', GSI1SK: id });

export const agreementPartition = (id: string) => `AGR#${id}`;
export const agreementKey = (id: string) => ({ PK: agreementPartition(id), SK: 'AGR' });
export const agreementListKey = (conferenceId: string, id: string) => ({
  GSI1PK: `CONF#${conferenceId}#AGREEMENTS`,
  GSI1SK: id,
});
export const ROSTER_PREFIX = 'ROSTER#';
export const rosterKey = (agreementId: string, chunk: number) => ({
  PK: agreementPartition(agreementId),
  SK: `${ROSTER_PREFIX}${String(chunk).padStart(4, '0')}`,
});
export const SIGNATORY_PREFIX = 'SIG#';
export const signatoryKey = (agreementId: string, party: string) => ({
  PK: agreementPartition(agreementId),
  SK: `${SIGNATORY_PREFIX}${party}`,
});

export const ceremonyKey = (id: string) => ({ PK: `CER#${id}`, SK: 'CER' });
export const ceremonyListKey = (conferenceId: string, id: string) => ({
  GSI1PK: `CONF#${conferenceId}#CEREMONIES`,
  GSI1SK: id,
});

export const eventPartition = (agreementId: string) => `EVT#${agreementId}`;
export const eventSortKey = (seq: number) => String(seq).padStart(10, '0');
export const eventKey = (agreementId: string, seq: number) => ({
  PK: eventPartition(agreementId),
  SK: eventSortKey(seq),
});
export const auditBucket = (at: string) => `AUDIT#${at.slice(0, 10)}`;
export const eventAuditKey = (agreementId: string, seq: number, at: string) => ({
  GSI2PK: auditBucket(at),
  GSI2SK: `${at}#${agreementId}#${eventSortKey(seq)}`,
});

export const notificationPartition = (prefix: string) => `NOTIF#${prefix}`;
export const notificationCounterKey = (prefix: string, year: number) => ({
  PK: notificationPartition(prefix),
  SK: `COUNTER#${year}`,
});
export const notificationSortKey = (year: number, n: number) =>
  `${year}#${String(n).padStart(10, '0')}`;
export const notificationKey = (prefix: string, year: number, n: number) => ({
  PK: notificationPartition(prefix),
  SK: notificationSortKey(year, n),
});

export const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'] as const;

/** Signatories per roster item: keeps each item far below 400 KB with every field at its maximum. */
export const ROSTER_CHUNK_SIZE = 50;
