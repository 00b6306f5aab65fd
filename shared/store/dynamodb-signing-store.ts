import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { type AgreementParties, agreementIdsInScope } from '../domain/access.js';
import type { DepositaryNotification } from '../domain/acts.js';
import type { AgreementTransition } from '../domain/agreement-changes.js';
import type { Agreement, AuditEvent, Ceremony, Conference, Signatory } from '../domain/types.js';
import type {
  AgreementSummary,
  NotificationQuery,
  Page,
  PageRequest,
  SigningStore,
} from '../use-cases/ports.js';
import { HEALTH_CHECK_DEADLINE_MS } from './client.js';
import { type EntityKind, entityOf } from './entities.js';
import { storageCall } from './errors.js';
import {
  agreementKey,
  agreementListKey,
  agreementPartition,
  ceremonyKey,
  ceremonyListKey,
  conferenceKey,
  conferenceListKey,
  eventAuditKey,
  eventKey,
  GSI1,
  HEALTH_KEY,
  KEY,
  notificationCounterKey,
  notificationKey,
  notificationPartition,
  notificationSortKey,
  ROSTER_CHUNK_SIZE,
  ROSTER_PREFIX,
  rosterKey,
  SIGNATORY_PREFIX,
  signatoryKey,
} from './keys.js';
import { allEventsOf, queryAll, queryPage } from './pagination.js';

type Item = Record<string, unknown>;

const GSI1_KEY = [KEY.partition, KEY.sort, GSI1.partition, GSI1.sort] as const;

/** The agreement item: everything but the roster, plus the party codes for access checks. */
function agreementItem(agreement: Agreement): Item {
  const { signatories, ...fields } = agreement;
  return {
    ...agreementKey(agreement.id),
    ...agreementListKey(agreement.conferenceId, agreement.id),
    type: 'agreement',
    ...fields,
    partyCodes: signatories.map((s) => s.party),
  };
}

function eventItem(event: AuditEvent): Item {
  return {
    ...eventKey(event.agreementId, event.seq),
    ...eventAuditKey(event.agreementId, event.seq, event.at),
    type: 'event',
    ...event,
  };
}

function agreementFromItems(items: readonly Item[]): Agreement | undefined {
  const meta = items.find((item) => item.SK === 'AGR');
  if (!meta) return undefined;
  const states = new Map<string, Signatory>();
  for (const item of items) {
    if (String(item.SK).startsWith(SIGNATORY_PREFIX)) {
      const signatory = entityOf<Signatory>('signatory', item);
      states.set(signatory.party, signatory);
    }
  }
  const roster = items
    .filter((item) => String(item.SK).startsWith(ROSTER_PREFIX))
    .flatMap((item) => item.signatories as Signatory[]);
  const signatories = roster.map((initial) => states.get(initial.party) ?? initial);
  return {
    ...entityOf<Omit<Agreement, 'signatories'>>('agreement', meta, 'partyCodes'),
    signatories,
  };
}

export class DynamoSigningStore implements SigningStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Creations go through TransactWriteItems even for one item: its
   * ClientRequestToken makes the SDK's own retries idempotent, where a retried
   * conditional PutItem would fail on the item its first attempt wrote.
   */
  async createConference(conference: Conference): Promise<void> {
    await this.transact([
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...conferenceKey(conference.id),
            ...conferenceListKey(conference.id),
            type: 'conference',
            ...conference,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ]);
  }

  async getConference(id: string): Promise<Conference | undefined> {
    const { Item } = await storageCall(() =>
      this.db.send(new GetCommand({ TableName: this.tableName, Key: conferenceKey(id) })),
    );
    return Item ? entityOf<Conference>('conference', Item) : undefined;
  }

  listConferences(page: PageRequest): Promise<Page<Conference>> {
    return this.listByGsi1<Conference>(conferenceListKey('').GSI1PK, 'conference', page);
  }

  /**
   * One transaction: the agreement item, its roster in chunks (immutable
   * afterwards; a party's later state lives in its own SIG# item) and the
   * first events. Chunks keep any roster within DynamoDB's 100-action and
   * 400 KB item limits.
   */
  async createAgreement(transition: AgreementTransition): Promise<void> {
    const { after, events } = transition;
    const chunks: Item[] = [];
    for (let start = 0; start < after.signatories.length; start += ROSTER_CHUNK_SIZE) {
      chunks.push({
        ...rosterKey(after.id, chunks.length + 1),
        type: 'roster',
        signatories: after.signatories.slice(start, start + ROSTER_CHUNK_SIZE),
      });
    }
    const isNew = 'attribute_not_exists(PK)';
    await this.transact([
      {
        Put: { TableName: this.tableName, Item: agreementItem(after), ConditionExpression: isNew },
      },
      ...chunks.map((Item) => ({
        Put: { TableName: this.tableName, Item, ConditionExpression: isNew },
      })),
      ...events.map((event) => ({
        Put: { TableName: this.tableName, Item: eventItem(event), ConditionExpression: isNew },
      })),
    ]);
  }

  async getAgreement(id: string): Promise<Agreement | undefined> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': agreementPartition(id) },
      ConsistentRead: true,
    });
    return agreementFromItems(items);
  }

  listAgreements(
    conferenceId: string,
    page: PageRequest,
    onlyParty?: string,
  ): Promise<Page<AgreementSummary>> {
    const partition = agreementListKey(conferenceId, '').GSI1PK;
    return this.listByGsi1<AgreementSummary>(partition, 'agreement', page, onlyParty);
  }

  /**
   *  ┌ Put AGR      if headSeq = before.headSeq   ← serialises every change of one agreement
   *  ├ Put SIG#p    if absent or status = before  ← the party's own state and acts (when a party changed)
   *  ├ Put EVT#n…   if absent                     ← the events, never overwritten
   *  ├ Put COUNTER  if n = the number read        ← serialises notification numbers: no gap, no duplicate
   *  └ Put NOTIF#n  if absent                     ← the notification, listed by GET /v1/notifications
   *
   * All or nothing: a lost race cancels the whole transaction and surfaces
   * as ConcurrentChangeError.
   */
  async commitAgreementChange(transition: AgreementTransition): Promise<void> {
    const { before, after, signatory, events, notification } = transition;
    if (!before) throw new TypeError('commitAgreementChange needs the state it changes');
    const previous = signatory && before.signatories.find((s) => s.party === signatory.party);
    await this.transact([
      {
        Put: {
          TableName: this.tableName,
          Item: agreementItem(after),
          ConditionExpression: 'chain.headSeq = :seq',
          ExpressionAttributeValues: { ':seq': before.chain.headSeq },
        },
      },
      ...(signatory && previous
        ? [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...signatoryKey(after.id, signatory.party),
                  type: 'signatory',
                  ...signatory,
                },
                ConditionExpression: 'attribute_not_exists(PK) OR #status = :status',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':status': previous.status },
              },
            },
          ]
        : []),
      ...events.map((event) => ({
        Put: {
          TableName: this.tableName,
          Item: eventItem(event),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      })),
      ...(notification ? this.notificationWrites(notification, after.signatories) : []),
    ]);
  }

  private notificationWrites(
    notification: DepositaryNotification,
    signatories: readonly Signatory[],
  ) {
    const { prefix, year, n } = notification;
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...notificationCounterKey(prefix, year), type: 'notification-counter', n },
          ...(n === 1
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : {
                ConditionExpression: 'n = :previous',
                ExpressionAttributeValues: { ':previous': n - 1 },
              }),
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...notificationKey(prefix, year, n),
            type: 'notification',
            ...notification,
            partyCodes: signatories.map((s) => s.party),
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ];
  }

  async lastNotificationNumber(prefix: string, year: number): Promise<number> {
    const { Item } = await storageCall(() =>
      this.db.send(
        new GetCommand({
          TableName: this.tableName,
          Key: notificationCounterKey(prefix, year),
          ConsistentRead: true,
        }),
      ),
    );
    return (Item?.n as number | undefined) ?? 0;
  }

  listNotifications(query: NotificationQuery): Promise<Page<DepositaryNotification>> {
    const partition = notificationPartition(query.prefix);
    const filters = [
      ...(query.from ? ['issuedOn >= :from'] : []),
      ...(query.to ? ['issuedOn <= :to'] : []),
      ...(query.agreementId ? ['agreementId = :agreement'] : []),
      ...(query.onlyParty !== undefined ? ['contains(partyCodes, :party)'] : []),
    ];
    return queryPage({
      db: this.db,
      query: {
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :first AND :last',
        ExpressionAttributeValues: {
          ':pk': partition,
          ':first': notificationSortKey(Number((query.from ?? '0000').slice(0, 4)), 0),
          ':last': notificationSortKey(Number((query.to ?? '9999').slice(0, 4)), 9_999_999_999),
          ...(query.from && { ':from': query.from }),
          ...(query.to && { ':to': query.to }),
          ...(query.agreementId && { ':agreement': query.agreementId }),
          ...(query.onlyParty !== undefined && { ':party': query.onlyParty }),
        },
        ...(filters.length > 0 && { FilterExpression: filters.join(' AND ') }),
      },
      partition,
      partitionAttribute: KEY.partition,
      keyAttributes: [KEY.partition, KEY.sort],
      limit: query.limit,
      ...(query.cursor && { cursor: query.cursor }),
      map: (item) => entityOf<DepositaryNotification>('notification', item, 'partyCodes'),
    });
  }

  /** An agreement's events, oldest first: what point-in-time views replay. */
  agreementEvents(agreementId: string): Promise<AuditEvent[]> {
    return allEventsOf(this.db, this.tableName, agreementId);
  }

  async createCeremony(ceremony: Ceremony, agreementParties: AgreementParties): Promise<void> {
    const partyCodes = [...new Set(Object.values(agreementParties).flat())];
    await this.transact([
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...ceremonyKey(ceremony.id),
            ...ceremonyListKey(ceremony.conferenceId, ceremony.id),
            type: 'ceremony',
            ...ceremony,
            partyCodes,
            agreementParties,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ]);
  }

  async getCeremony(id: string) {
    const { Item } = await storageCall(() =>
      this.db.send(new GetCommand({ TableName: this.tableName, Key: ceremonyKey(id) })),
    );
    return Item
      ? entityOf<Ceremony & { partyCodes: string[]; agreementParties?: AgreementParties }>(
          'ceremony',
          Item,
        )
      : undefined;
  }

  async listCeremonies(
    conferenceId: string,
    page: PageRequest,
    onlyParty?: string,
  ): Promise<Page<Ceremony>> {
    const partition = ceremonyListKey(conferenceId, '').GSI1PK;
    const listed = await this.listByGsi1<Ceremony & { agreementParties?: AgreementParties }>(
      partition,
      'ceremony',
      page,
      onlyParty,
    );
    return {
      ...listed,
      items: listed.items.map(({ agreementParties, ...ceremony }) => ({
        ...ceremony,
        agreementIds: agreementIdsInScope(ceremony.agreementIds, agreementParties, onlyParty),
      })),
    };
  }

  async ping(): Promise<void> {
    await storageCall(() =>
      this.db.send(new GetCommand({ TableName: this.tableName, Key: HEALTH_KEY }), {
        abortSignal: AbortSignal.timeout(HEALTH_CHECK_DEADLINE_MS),
      }),
    );
  }

  /** A GSI1 listing, newest first; `onlyParty` keeps items whose `partyCodes` include it. */
  private listByGsi1<T>(
    partition: string,
    kind: EntityKind,
    page: PageRequest,
    onlyParty?: string,
  ) {
    return queryPage({
      db: this.db,
      query: {
        TableName: this.tableName,
        IndexName: GSI1.name,
        KeyConditionExpression: 'GSI1PK = :pk',
        ScanIndexForward: false,
        ExpressionAttributeValues: { ':pk': partition, ...(onlyParty && { ':party': onlyParty }) },
        ...(onlyParty && { FilterExpression: 'contains(partyCodes, :party)' }),
      },
      partition,
      partitionAttribute: GSI1.partition,
      keyAttributes: GSI1_KEY,
      ...page,
      map: (item) => entityOf<T>(kind, item, 'partyCodes'),
    });
  }

  private async transact(
    TransactItems: NonNullable<
      ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
    >,
  ) {
    await storageCall(() => this.db.send(new TransactWriteCommand({ TransactItems })));
  }
}
