import { sealCheckRoutes } from '../shared/contract/routes/seal-check.js';
import { createApiHandler } from '../shared/http/api-handler.js';
import { onceUntilFailure } from '../shared/seal/once-until-failure.js';
import { sealKeyFromEnv } from '../shared/seal/seal-key-from-env.js';
import { DynamoAuditStore } from '../shared/store/dynamodb-audit-store.js';
import { config, deps, documentClient } from './deps.js';
import {
  getSealCertificateOperation,
  type SealCheckDeps,
  verifyUploadOperation,
} from './operations/seal-check.js';

/**
 * Built once per container. This function reads the record and the seal's
 * certificate; it cannot sign (in AWS its role has no `kms:Sign`), so the
 * uploads it parses never share a process with the key's use.
 */
const sealCheckDeps: SealCheckDeps = {
  store: deps.store,
  audit: new DynamoAuditStore(documentClient, config.tableName),
  sealKey: onceUntilFailure(() => sealKeyFromEnv()),
};

/** Lambda: the seal's certificate, and uploaded summaries checked against it. */
export const handler = createApiHandler(sealCheckRoutes, {
  verifyUpload: verifyUploadOperation(sealCheckDeps),
  getSealCertificate: getSealCertificateOperation(sealCheckDeps),
});
