import { ulid } from 'ulidx';
import {
  createDocumentClient,
  createDynamoClient,
  dynamoConfigFromEnv,
} from '../shared/store/client.js';
import { DynamoSigningStore } from '../shared/store/dynamodb-signing-store.js';
import { depositaryFromEnv, type UseCaseDeps } from '../shared/use-cases/ports.js';

/** Built once per container and reused while it is warm. */
export const config = dynamoConfigFromEnv();
export const dynamoClient = createDynamoClient(config);
export const documentClient = createDocumentClient(dynamoClient);

export const deps: UseCaseDeps = {
  store: new DynamoSigningStore(documentClient, config.tableName),
  clock: () => new Date(),
  newId: ulid,
  depositary: depositaryFromEnv(),
};
