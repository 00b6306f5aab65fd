import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/types.js';
import { decodeCursor, encodeCursor, invalidCursor, isKeyOf } from './cursor.js';
import { entityOf } from './entities.js';
import { storageCall } from './errors.js';
import { eventPartition, KEY } from './keys.js';

/**
 * Cursor pagination over a single Query. The cursor carries the key of the
 * last item returned and is bound to the partition it was read from: a
 * cursor from one listing (or one agreement's history) is rejected by every
 * other with 400, so it cannot be forged into reading elsewhere.
 */

type Key = Record<string, string>;

function decodeKeyCursor(
  cursor: string,
  partition: string,
  partitionAttribute: string,
  keyAttributes: readonly string[],
): Key {
  return decodeCursor<{ k: Key }>(
    cursor,
    partition,
    'listing',
    ({ k }) => isKeyOf(k, keyAttributes) && k[partitionAttribute] === partition,
  ).k;
}

export interface QueryPageOptions<T> {
  readonly db: DynamoDBDocumentClient;
  /** The Query, with its key condition bound to `partition`. */
  readonly query: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>;
  readonly partition: string;
  /** The attribute that holds `partition` (PK, or a GSI's partition key). */
  readonly partitionAttribute: string;
  /** The key attributes of the queried table or index (base key included for a GSI). */
  readonly keyAttributes: readonly string[];
  readonly limit: number;
  readonly cursor?: string;
  readonly map: (item: Record<string, unknown>) => T;
}

/**
 * Reads up to `limit` items (after any FilterExpression) and tells whether more
 * follow by asking for one item more than it returns.
 */
export async function queryPage<T>(
  options: QueryPageOptions<T>,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const { db, query, partition, partitionAttribute, keyAttributes, limit } = options;
  const rows: Record<string, unknown>[] = [];
  let startKey: Key | undefined = options.cursor
    ? decodeKeyCursor(options.cursor, partition, partitionAttribute, keyAttributes)
    : undefined;
  do {
    const page = await storageCall(() =>
      db.send(
        new QueryCommand({ ...query, Limit: limit + 1 - rows.length, ExclusiveStartKey: startKey }),
      ),
    ).catch((error: unknown) => {
      // A start key the index cannot place (a forged base-key half) is the cursor's fault.
      if ((error as Error).name === 'ValidationException' && options.cursor)
        throw invalidCursor('listing');
      throw error;
    });
    rows.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey as Key | undefined;
  } while (startKey && rows.length <= limit);

  const hasMore = rows.length > limit;
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    hasMore && last
      ? encodeCursor(partition, {
          k: Object.fromEntries(keyAttributes.map((name) => [name, String(last[name])])),
        })
      : null;
  return { items: items.map(options.map), nextCursor };
}

/** Every item of a Query, following LastEvaluatedKey. */
export async function queryAll(
  db: DynamoDBDocumentClient,
  query: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
) {
  const rows: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await storageCall(() =>
      db.send(new QueryCommand({ ...query, ExclusiveStartKey: startKey })),
    );
    rows.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return rows;
}

/** An agreement's events, oldest first, read strongly consistent: its whole history. */
export async function allEventsOf(
  db: DynamoDBDocumentClient,
  tableName: string,
  agreementId: string,
): Promise<AuditEvent[]> {
  const items = await queryAll(db, {
    TableName: tableName,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': KEY.partition },
    ExpressionAttributeValues: { ':pk': eventPartition(agreementId) },
    ConsistentRead: true,
  });
  return items.map((item) => entityOf<AuditEvent>('event', item));
}
