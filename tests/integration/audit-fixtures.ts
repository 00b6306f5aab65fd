import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ChainHead } from '../../shared/domain/hash-chain.js';
import type { AuditEvent } from '../../shared/domain/types.js';
import { agreementKey, eventAuditKey, eventKey } from '../../shared/store/keys.js';
import type { TestApi } from '../helpers/test-api.js';

/**
 * Helpers of the audit integration tests: direct table access (to seed many
 * events fast and to tamper with them the way someone with table access
 * could), and a raw GET for the exports, which the shared harness would
 * try to parse as JSON (`application/x-ndjson` contains "json").
 */

/** A client of the test's DynamoDB Local of its own, independent of the service's. */
export function tableClient(api: TestApi): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    endpoint: api.dynamoEndpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** An event item laid out as `DynamoSigningStore` writes it (see shared/store/keys.ts). */
export function eventItem(event: AuditEvent): Record<string, unknown> {
  return {
    ...eventKey(event.agreementId, event.seq),
    ...eventAuditKey(event.agreementId, event.seq, event.at),
    type: 'event',
    ...event,
  };
}

/** BatchWrite in chunks of 25, a few at a time, retrying what DynamoDB hands back. */
export async function putItems(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
  concurrency = 8,
): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      let requests = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const { UnprocessedItems } = await db.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
        );
        requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Points the agreement item at a new chain head, as a committed change would. */
export async function setChainHead(
  db: DynamoDBDocumentClient,
  tableName: string,
  agreementId: string,
  head: ChainHead,
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: agreementKey(agreementId),
      UpdateExpression: 'SET chain = :chain, version = :seq',
      ExpressionAttributeValues: {
        ':chain': { headSeq: head.seq, headHash: head.hash },
        ':seq': head.seq,
      },
    }),
  );
}

/** A GET whose body is returned as text, whatever its type. */
export async function getText(
  api: TestApi,
  path: string,
  options: { token: string; accept?: string },
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(api.url + path, {
    headers: {
      authorization: `Bearer ${options.token}`,
      ...(options.accept && { accept: options.accept }),
    },
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
