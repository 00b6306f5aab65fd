import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { ulid } from 'ulidx';
import { tracer } from '../shared/http/observability.js';
import {
  createDocumentClient,
  createDynamoClient,
  dynamoConfigFromEnv,
} from '../shared/store/client.js';
import { DynamoSigningStore } from '../shared/store/dynamodb-signing-store.js';
import { KEY, TTL_ATTRIBUTE } from '../shared/store/keys.js';
import type { UseCaseDeps } from '../shared/use-cases/ports.js';

/** Built once per container and reused while it is warm. */
const config = dynamoConfigFromEnv();
const dynamoClient = tracer.captureAWSv3Client(createDynamoClient(config));
export const documentClient = createDocumentClient(dynamoClient);

export const deps: UseCaseDeps = {
  store: new DynamoSigningStore(documentClient, config.tableName),
  clock: () => new Date(),
  newId: ulid,
};

/** Idempotency records share the table: PK `IDEMPOTENCY`, SK the key's hash, expired by TTL. */
export const idempotencyStore = new DynamoDBPersistenceLayer({
  tableName: config.tableName,
  awsSdkV3Client: dynamoClient,
  keyAttr: KEY.partition,
  sortKeyAttr: KEY.sort,
  staticPkValue: 'IDEMPOTENCY',
  expiryAttr: TTL_ATTRIBUTE,
});
