import { verifyRoutes } from '../shared/contract/routes/verify.js';
import { createApiHandler } from '../shared/http/api-handler.js';
import { DynamoAuditStore } from '../shared/store/dynamodb-audit-store.js';
import type { VerificationDeps } from '../shared/use-cases/verifications.js';
import { config, deps, documentClient } from './deps.js';
import { getVerificationOperation } from './operations/verifications.js';

/** Built once per container: the record's reads, nothing of the seal. */
const verificationDeps: VerificationDeps = {
  store: deps.store,
  audit: new DynamoAuditStore(documentClient, config.tableName),
};

/** Lambda: public verification of a summary's code (what its QR code opens). */
export const handler = createApiHandler(verifyRoutes, {
  getVerification: getVerificationOperation(verificationDeps),
});
