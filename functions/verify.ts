import { verifyRoutes } from '../shared/contract/routes/verify.js';
import { createApiHandler } from '../shared/http/api-handler.js';
import { onceUntilFailure } from '../shared/seal/once-until-failure.js';
import { sealKeyFromEnv } from '../shared/seal/seal-key-from-env.js';
import { DynamoAuditStore } from '../shared/store/dynamodb-audit-store.js';
import { config, deps, documentClient } from './deps.js';
import {
  getSealCertificateOperation,
  getVerificationOperation,
  type VerifyDeps,
  verifyUploadOperation,
} from './operations/verifications.js';

/**
 * Built once per container. This function reads the record and the seal's
 * certificate; it cannot sign (in AWS its role has no `kms:Sign`), so the
 * uploads it parses never share a process with the key's use.
 */
const verifyDeps: VerifyDeps = {
  store: deps.store,
  audit: new DynamoAuditStore(documentClient, config.tableName),
  sealKey: onceUntilFailure(() => sealKeyFromEnv()),
};

/** Lambda: public verification of issued summaries (codes, uploads, the seal's certificate). */
export const handler = createApiHandler(verifyRoutes, {
  getVerification: getVerificationOperation(verifyDeps),
  verifyUpload: verifyUploadOperation(verifyDeps),
  getSealCertificate: getSealCertificateOperation(verifyDeps),
});
