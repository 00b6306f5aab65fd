import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { writesRoutes } from '../shared/contract/routes/writes.js';
import { createApiHandler } from '../shared/http/api-handler.js';
import { idempotentPosts } from '../shared/http/idempotency.js';
import { translateStorageError } from '../shared/store/errors.js';
import { KEY, TTL_ATTRIBUTE } from '../shared/store/keys.js';
import { config, dynamoClient } from './deps.js';
import {
  closeAgreementOperation,
  openAgreementOperation,
} from './operations/change-agreement-status.js';
import {
  declineSignatureOperation,
  recordSignatureOperation,
  withdrawSignatureOperation,
} from './operations/change-signatory.js';
import { createAgreementOperation } from './operations/create-agreement.js';
import { createCeremonyOperation } from './operations/create-ceremony.js';
import { createConferenceOperation } from './operations/create-conference.js';
import { recordActOperation } from './operations/record-act.js';

/**
 * Idempotency records share the table: PK `IDEMPOTENCY`, SK the key's hash,
 * expired by TTL. Only this function writes, so only it loads the utility.
 */
const idempotencyStore = new DynamoDBPersistenceLayer({
  tableName: config.tableName,
  awsSdkV3Client: dynamoClient,
  keyAttr: KEY.partition,
  sortKeyAttr: KEY.sort,
  staticPkValue: 'IDEMPOTENCY',
  expiryAttr: TTL_ATTRIBUTE,
});

/** Lambda: every state-changing route (the only function with write access). */
export const handler = createApiHandler(
  writesRoutes,
  {
    createConference: createConferenceOperation,
    createAgreement: createAgreementOperation,
    createCeremony: createCeremonyOperation,
    openAgreement: openAgreementOperation,
    closeAgreement: closeAgreementOperation,
    recordSignature: recordSignatureOperation,
    declineSignature: declineSignatureOperation,
    withdrawSignature: withdrawSignatureOperation,
    recordAct: recordActOperation,
  },
  { idempotency: idempotentPosts(idempotencyStore, translateStorageError) },
);
