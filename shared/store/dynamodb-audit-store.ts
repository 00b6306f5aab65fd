import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/types.js';
import type {
  AgreementHead,
  AuditFilters,
  AuditPageRequest,
  AuditStore,
  AuditWindow,
} from '../use-cases/audit.js';
import type { Page, PageRequest } from '../use-cases/ports.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { entityOf } from './entities.js';
import { storageCall } from './errors.js';
import {
  agreementKey,
  auditBucket,
  conferenceListKey,
  eventPartition,
  GSI1,
  GSI2,
  KEY,
} from './keys.js';
import { allEventsOf, queryPage } from './pagination.js';

/**
 * The read side of the audit record in DynamoDB.
 *
 * An agreement's history is its `EVT#<id>` partition, read in seq order.
 * The audit query walks GSI2, one partition per UTC day (`AUDIT#yyyy-mm-dd`,
 * sorted by `<at>#<agreementId>#<seq>`), from the window's first day to its
 * last. Every page does a bounded amount of work ({@link AuditPageBudget}),
 * however many events the table holds and however many days are empty, and
 * hands back a cursor (day + last key) that resumes exactly where it stopped.
 * See docs/auditing.md for the costs.
 */

type Item = Record<string, unknown>;
type GsiKey = { PK: string; SK: string; GSI2PK: string; GSI2SK: string };

const BASE_KEY = [KEY.partition, KEY.sort] as const;
const GSI2_KEY = [KEY.partition, KEY.sort, GSI2.partition, GSI2.sort] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface AuditPageBudget {
  /** Queries on GSI2 per page: each empty day costs one. */
  readonly queries: number;
  /** Items DynamoDB may read per page, before filters (what read capacity is paid for). */
  readonly itemsExamined: number;
  /** Most days queried at once while skipping empty ones. */
  readonly parallelDays: number;
  /** Items read per query when a filter may drop most of them. */
  readonly filteredChunk: number;
  /** Items a probe of a wave reads: a day with no more is read whole by its probe. */
  readonly probe: number;
}

export const DEFAULT_AUDIT_PAGE_BUDGET: AuditPageBudget = {
  queries: 64,
  itemsExamined: 1000,
  parallelDays: 16,
  filteredChunk: 250,
  probe: 4,
};

const eventOf = (item: Item) => entityOf<AuditEvent>('event', item);

const dayOf = (timestamp: string) => timestamp.slice(0, 10);
const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
/** The last day a half-open window reaches: `to` itself is excluded. */
const lastDayOf = (window: AuditWindow) => dayOf(new Date(Date.parse(window.to) - 1).toISOString());

// ─── cursor ────────────────────────────────────────────────────────────────

/** Where a walk stands: the day to read next and, inside it, the last key read. */
interface Position {
  readonly day: string;
  readonly key?: GsiKey;
}

/** What an audit cursor carries besides its binding: the window, the day, the last key. */
interface AuditCursorPosition {
  readonly w: AuditWindow;
  readonly d: string;
  readonly k?: GsiKey;
}

export function encodeAuditCursor(
  binding: string,
  window: AuditWindow,
  position: Position,
): string {
  return encodeCursor(binding, {
    w: window,
    d: position.day,
    ...(position.key && { k: position.key }),
  } satisfies AuditCursorPosition);
}

const utcTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isTimestamp = (value: unknown): value is string =>
  typeof value === 'string' && utcTimestamp.test(value) && new Date(value).toISOString() === value;
const isDay = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  isTimestamp(`${value}T00:00:00.000Z`);

/**
 * A key of GSI2 that DynamoDB will accept as the ExclusiveStartKey of a query
 * on day `day` within `window`: anything else (another day's partition, a
 * sort key outside the key condition, an empty value) would be a
 * ValidationException instead of a 400.
 */
function isStartKey(key: unknown, day: string, window: AuditWindow): key is GsiKey {
  if (typeof key !== 'object' || key === null) return false;
  const candidate = key as Record<string, unknown>;
  if (Object.keys(candidate).length !== GSI2_KEY.length) return false;
  const fits = (name: string, max: number) => {
    const value = candidate[name];
    return typeof value === 'string' && value.length > 0 && Buffer.byteLength(value) <= max;
  };
  if (!fits('PK', 2048) || !fits('SK', 1024) || !fits('GSI2PK', 2048) || !fits('GSI2SK', 1024)) {
    return false;
  }
  const { PK, GSI2PK, GSI2SK } = candidate as GsiKey;
  return (
    PK.startsWith(eventPartition('')) &&
    GSI2PK === auditBucket(day) &&
    GSI2SK.startsWith(`${day}T`) &&
    GSI2SK >= window.from &&
    GSI2SK <= window.to
  );
}

const isWindow = (value: unknown): value is AuditWindow => {
  const window = value as Partial<AuditWindow> | null;
  return (
    typeof window === 'object' &&
    window !== null &&
    isTimestamp(window.from) &&
    isTimestamp(window.to) &&
    window.from < window.to
  );
};

export function decodeAuditCursor(
  cursor: string,
  binding: string,
): { window: AuditWindow; position: Position } {
  const { w, d, k } = decodeCursor<AuditCursorPosition>(
    cursor,
    binding,
    'query',
    ({ w, d, k }) =>
      isWindow(w) &&
      isDay(d) &&
      d >= dayOf(w.from) &&
      d <= lastDayOf(w) &&
      (k === undefined || isStartKey(k, d, w)),
  );
  return {
    window: { from: w.from, to: w.to },
    position: { day: d, ...(k && { key: k }) },
  };
}

// ─── queries ───────────────────────────────────────────────────────────────

function filterOf(filters: AuditFilters) {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  if (filters.action !== undefined) {
    conditions.push('#action = :action');
    names['#action'] = 'action';
    values[':action'] = filters.action;
  }
  if (filters.party !== undefined) {
    conditions.push('#party = :party');
    names['#party'] = 'party';
    values[':party'] = filters.party;
  }
  if (filters.actor !== undefined) {
    conditions.push('#actor.#sub = :actor');
    names['#actor'] = 'actor';
    names['#sub'] = 'sub';
    values[':actor'] = filters.actor;
  }
  return { conditions, names, values };
}

const keyOf = (item: Item): GsiKey =>
  Object.fromEntries(GSI2_KEY.map((name) => [name, String(item[name])])) as GsiKey;

export class DynamoAuditStore implements AuditStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly budget: AuditPageBudget = DEFAULT_AUDIT_PAGE_BUDGET,
  ) {}

  async getChainHead(agreementId: string): Promise<AgreementHead | undefined> {
    const { Item } = await storageCall(() =>
      this.db.send(
        new GetCommand({
          TableName: this.tableName,
          Key: agreementKey(agreementId),
          ProjectionExpression: 'chain, partyCodes',
          ConsistentRead: true,
        }),
      ),
    );
    const chain = Item?.chain as { headSeq?: unknown; headHash?: unknown } | undefined;
    if (!chain) return undefined;
    return {
      seq: Number(chain.headSeq),
      hash: String(chain.headHash),
      partyCodes: (Item?.partyCodes as string[] | undefined) ?? [],
    };
  }

  /** An agreement's events, oldest first; cursors are bound to its partition. */
  listEvents(agreementId: string, page: PageRequest): Promise<Page<AuditEvent>> {
    const partition = eventPartition(agreementId);
    return queryPage({
      db: this.db,
      query: {
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': KEY.partition },
        ExpressionAttributeValues: { ':pk': partition },
        ConsistentRead: true,
      },
      partition,
      partitionAttribute: KEY.partition,
      keyAttributes: BASE_KEY,
      ...page,
      map: eventOf,
    });
  }

  listAllEvents(agreementId: string): Promise<AuditEvent[]> {
    return allEventsOf(this.db, this.tableName, agreementId);
  }

  async earliestActivity(): Promise<string | undefined> {
    const { Items } = await storageCall(() =>
      this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GSI1.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': GSI1.partition, '#createdAt': 'createdAt' },
          ExpressionAttributeValues: { ':pk': conferenceListKey('').GSI1PK },
          ProjectionExpression: '#createdAt',
          ScanIndexForward: true,
          Limit: 1,
        }),
      ),
    );
    const createdAt = Items?.[0]?.createdAt;
    return typeof createdAt === 'string' ? createdAt : undefined;
  }

  /**
   * Walks the day buckets from the cursor's position (or the window's first
   * day). A busy day is read alone, one query at a time (Limit: what the
   * page still needs, or a chunk when a filter may drop most items). Quiet
   * days, those read whole by one query, are read in waves of parallel
   * probes (Limit `probe`) that double while every day of the wave fits its
   * probe (2, 4, … `parallelDays`): a long stretch of empty or nearly empty
   * days costs one small query per day but few round trips. A probe that
   * does not finish its day ends the wave, and that day is read alone. The
   * walk stops when the page is full, the budget is spent or the window
   * ends; the cursor names the day to read next and, if it stopped inside a
   * day, the last key it read there.
   */
  async queryEvents(request: AuditPageRequest): Promise<Page<AuditEvent>> {
    const { filters, binding, limit } = request;
    let window: AuditWindow;
    let position: Position;
    if (request.cursor !== undefined) {
      ({ window, position } = decodeAuditCursor(request.cursor, binding));
    } else if (request.window) {
      window = request.window;
      position = { day: dayOf(window.from) };
    } else {
      throw new TypeError('queryEvents needs a window or a cursor');
    }
    const lastDay = lastDayOf(window);
    const filter = filterOf(filters);
    const filtered = filter.conditions.length > 0;

    const items: Item[] = [];
    let queries = 0;
    let examined = 0;
    let waveSize = 1;
    while (
      items.length < limit &&
      position.day <= lastDay &&
      queries < this.budget.queries &&
      examined < this.budget.itemsExamined
    ) {
      const days = [position.day];
      const width = Math.min(
        waveSize,
        this.budget.queries - queries,
        this.budget.itemsExamined - examined,
      );
      while (days.length < width && days.at(-1)! < lastDay) days.push(nextDay(days.at(-1)!));
      // Alone, a day is read in earnest. In a wave each day is only probed: a quiet day is
      // read whole by its probe, a busy one costs at most `probe` items too many.
      const remaining = this.budget.itemsExamined - examined;
      const perQuery =
        days.length > 1
          ? Math.max(
              1,
              Math.min(
                this.budget.probe,
                limit - items.length,
                Math.floor(remaining / days.length),
              ),
            )
          : Math.min(filtered ? this.budget.filteredChunk : limit - items.length, remaining);
      const startKey = position.key;
      const results = await Promise.all(
        days.map((day, index) =>
          this.queryDay(day, window, filter, perQuery, index === 0 ? startKey : undefined),
        ),
      );
      queries += days.length;
      // Everything read counts, also what a wave read past the day the walk stops in.
      examined += results.reduce((sum, result) => sum + (result.ScannedCount ?? 0), 0);

      for (const [index, result] of results.entries()) {
        const day = days[index]!;
        const rows = result.Items ?? [];
        const room = limit - items.length;
        const taken = rows.slice(0, room);
        items.push(...taken);
        if (rows.length > room) {
          // The page filled up inside this day: resume after the last item returned.
          position = { day, key: keyOf(taken.at(-1)!) };
          break;
        }
        const lastEvaluated = result.LastEvaluatedKey as Item | undefined;
        if (lastEvaluated) {
          // The day goes on (Limit or 1 MB reached): resume there; later days of the wave wait.
          position = { day, key: keyOf(lastEvaluated) };
          break;
        }
        position = { day: nextDay(day) };
        if (items.length >= limit) break;
      }
      // Days that each fit in one query: widen the wave. Stopped inside a day: one at a time.
      waveSize = position.key ? 1 : Math.min(waveSize * 2, this.budget.parallelDays);
    }

    const done = position.day > lastDay;
    return {
      items: items.map(eventOf),
      nextCursor: done ? null : encodeAuditCursor(binding, window, position),
    };
  }

  private queryDay(
    day: string,
    window: AuditWindow,
    filter: ReturnType<typeof filterOf>,
    limit: number,
    startKey: GsiKey | undefined,
  ): Promise<QueryCommandOutput> {
    // `<at>#…` sorts after `<at>` and before any later instant: BETWEEN from AND to
    // selects exactly from ≤ at < to.
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: GSI2.name,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': GSI2.partition, '#sk': GSI2.sort, ...filter.names },
      ExpressionAttributeValues: {
        ':pk': auditBucket(day),
        ':from': window.from,
        ':to': window.to,
        ...filter.values,
      },
      ...(filter.conditions.length > 0 && { FilterExpression: filter.conditions.join(' AND ') }),
      Limit: limit,
      ...(startKey && { ExclusiveStartKey: startKey }),
    };
    return storageCall(() => this.db.send(new QueryCommand(input)));
  }
}
