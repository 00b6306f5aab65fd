import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, inject } from 'vitest';
import { createDocumentClient } from '../../shared/store/client.js';
import { DynamoAuditStore } from '../../shared/store/dynamodb-audit-store.js';
import { DynamoSigningStore } from '../../shared/store/dynamodb-signing-store.js';
import { ensureTable } from '../../shared/store/table-definition.js';
import { describeStoreContract } from '../contract/store-contract.js';

const client = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const documents = createDocumentClient(client);
afterAll(() => client.destroy());

describeStoreContract('DynamoDB Local', async () => {
  // A table of its own for each test, as the in-memory store starts empty.
  const tableName = `contract-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  return {
    signing: new DynamoSigningStore(documents, tableName),
    audit: new DynamoAuditStore(documents, tableName),
  };
});
