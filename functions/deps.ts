import { ulid } from 'ulidx';
import { createDocumentClient, dynamoConfigFromEnv } from '../shared/store/client.js';
import { DynamoSigningStore } from '../shared/store/dynamodb-signing-store.js';
import type { UseCaseDeps } from '../shared/use-cases/ports.js';

/** Built once per container and reused while it is warm. */
const config = dynamoConfigFromEnv();
export const documentClient = createDocumentClient(config);

export const deps: UseCaseDeps = {
  store: new DynamoSigningStore(documentClient, config.tableName),
  clock: () => new Date(),
  newId: ulid,
};
