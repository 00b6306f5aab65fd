import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createDynamoClient } from '../../shared/store/client.js';
import { ensureTable } from '../../shared/store/table-definition.js';

/** DynamoDB Local helpers for the benchmark: tables, clients and bulk loading. */

export async function createTable(endpoint: string, tableName: string): Promise<void> {
  const admin = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await ensureTable(admin, tableName);
  } finally {
    admin.destroy();
  }
}

/**
 * A document client configured exactly as the functions configure theirs
 * (`shared/store/client.ts`), so raw-call floors pay the same SDK costs.
 */
export function projectDocumentClient(endpoint: string): DynamoDBDocumentClient {
  return createDocumentClient(
    createDynamoClient({ tableName: 'unused', endpoint, region: 'local' }),
  );
}

/** A client for bulk loading, with generous timeouts (DynamoDB Local is slow under bulk load). */
export function loaderClient(endpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 10,
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
}

/**
 * Writes `items` with BatchWriteItem (25 per call), `parallel` calls in
 * flight, retrying unprocessed items. Returns the time it took in ms.
 */
export async function batchPut(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
  parallel = 4,
): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const chunk = items.slice(next, next + 25);
      next += 25;
      let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 20) throw new Error('BatchWriteItem kept leaving items unprocessed');
        const result = await db.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
        );
        requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
        if (requests.length > 0) await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return performance.now() - started;
}
