import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../shared/domain/types.js';
import { entityOf } from '../../shared/store/entities.js';
import { eventPartition } from '../../shared/store/keys.js';
import type { TestApi } from './test-api.js';

/** The events of an agreement exactly as stored, read behind the API's back. */
export async function storedEvents(api: TestApi, agreementId: string): Promise<AuditEvent[]> {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: api.dynamoEndpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const events: AuditEvent[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: api.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': eventPartition(agreementId) },
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) events.push(entityOf<AuditEvent>('event', item));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  db.destroy();
  return events;
}
