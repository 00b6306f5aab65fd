import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../../shared/domain/types.js';
import { eventAuditKey, eventKey } from '../../../shared/store/keys.js';

/**
 * An in-memory stand-in for the two GSIs the audit store queries, with
 * DynamoDB's Query semantics where they matter for paging: `Limit` counts the
 * items evaluated before the filter, `LastEvaluatedKey` comes back whenever
 * `Limit` was reached, and a start key outside the key condition is a
 * ValidationException. Every query is recorded, so tests can assert the work
 * a page does.
 */

type Item = Record<string, unknown> & { GSI2PK: string; GSI2SK: string };

export interface RecordedQuery {
  readonly index: string;
  readonly partition: string;
  readonly limit: number | undefined;
  readonly scanned: number;
}

export class FakeAuditTable {
  readonly queries: RecordedQuery[] = [];
  private readonly byBucket = new Map<string, Item[]>();
  private conferencesCreatedAt: string[] = [];

  constructor(events: readonly AuditEvent[] = [], conferenceCreatedAt?: string) {
    this.addEvents(events);
    if (conferenceCreatedAt) this.conferencesCreatedAt.push(conferenceCreatedAt);
  }

  addEvents(events: readonly AuditEvent[]): void {
    const touched = new Set<string>();
    for (const event of events) {
      const item: Item = {
        ...eventKey(event.agreementId, event.seq),
        ...eventAuditKey(event.agreementId, event.seq, event.at),
        type: 'event',
        ...event,
      };
      const bucket = this.byBucket.get(item.GSI2PK) ?? [];
      bucket.push(item);
      this.byBucket.set(item.GSI2PK, bucket);
      touched.add(item.GSI2PK);
    }
    for (const name of touched) {
      this.byBucket
        .get(name)!
        .sort((a, b) => (a.GSI2SK < b.GSI2SK ? -1 : a.GSI2SK > b.GSI2SK ? 1 : 0));
    }
  }

  resetCounts(): void {
    this.queries.length = 0;
  }

  /** Round trips: batches of queries sent together (a wave), counted as one. */
  rounds = 0;
  private inFlight = 0;

  resetRounds(): void {
    this.rounds = 0;
  }

  get client(): DynamoDBDocumentClient {
    return {
      send: async (command: { input: Record<string, any> }) => {
        if (this.inFlight++ === 0) this.rounds++;
        try {
          await new Promise((resolve) => setImmediate(resolve));
          return this.query(command.input);
        } finally {
          this.inFlight--;
        }
      },
    } as never;
  }

  private query(input: Record<string, any>) {
    const values = input.ExpressionAttributeValues as Record<string, string>;
    if (input.IndexName === 'GSI1') {
      const sorted = [...this.conferencesCreatedAt].sort();
      this.queries.push({
        index: 'GSI1',
        partition: values[':pk']!,
        limit: input.Limit,
        scanned: 1,
      });
      return {
        Items: sorted.slice(0, 1).map((createdAt) => ({ createdAt })),
        Count: 1,
        ScannedCount: 1,
      };
    }
    if (input.IndexName !== 'GSI2') throw new Error(`unexpected query ${JSON.stringify(input)}`);
    const from = values[':from']!;
    const to = values[':to']!;
    if (!(from <= to))
      throw Object.assign(new Error('Invalid KeyConditionExpression'), {
        name: 'ValidationException',
      });
    let rows = (this.byBucket.get(values[':pk']!) ?? []).filter(
      (item) => item.GSI2SK >= from && item.GSI2SK <= to,
    );
    const start = input.ExclusiveStartKey as Record<string, string> | undefined;
    if (start) {
      if (start.GSI2PK !== values[':pk'] || start.GSI2SK! < from || start.GSI2SK! > to) {
        throw Object.assign(new Error('The provided starting key is outside query boundaries'), {
          name: 'ValidationException',
        });
      }
      rows = rows.filter((item) => item.GSI2SK > start.GSI2SK!);
    }
    const limit = input.Limit as number | undefined;
    const evaluated = limit === undefined ? rows : rows.slice(0, limit);
    const matches = evaluated.filter(
      (item) =>
        (values[':action'] === undefined || item.action === values[':action']) &&
        (values[':party'] === undefined || item.party === values[':party']) &&
        (values[':actor'] === undefined ||
          (item.actor as { sub: string }).sub === values[':actor']),
    );
    const last = evaluated.at(-1);
    const reachedLimit = limit !== undefined && evaluated.length === limit;
    this.queries.push({
      index: 'GSI2',
      partition: values[':pk']!,
      limit,
      scanned: evaluated.length,
    });
    return {
      Items: matches.map((item) => structuredClone(item)),
      Count: matches.length,
      ScannedCount: evaluated.length,
      ...(reachedLimit &&
        last && {
          LastEvaluatedKey: { PK: last.PK, SK: last.SK, GSI2PK: last.GSI2PK, GSI2SK: last.GSI2SK },
        }),
    };
  }
}

const ACTIONS = [
  'SIGNATURE_RECORDED',
  'SIGNATURE_DECLINED',
  'SIGNATURE_WITHDRAWN',
  'AGREEMENT_OPENED',
] as const;
const PARTIES = ['AZE', 'KAZ', 'KGZ', 'TUR', 'UZB'] as const;

/** A syntactically complete event (the audit query does not look at the chain). */
export function syntheticEvent(
  at: string,
  agreementId: string,
  seq: number,
  variant = seq,
): AuditEvent {
  return {
    agreementId,
    seq,
    at,
    action: ACTIONS[variant % ACTIONS.length]!,
    party: PARTIES[variant % PARTIES.length]!,
    actor: { sub: `secretariat-${variant % 3}`, role: 'secretariat' },
    data: { n: variant },
    requestId: `req-${agreementId}-${seq}`,
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  };
}
