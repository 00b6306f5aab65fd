import { auditRoutes } from '../shared/contract/routes/audit.js';
import { createApiHandler } from '../shared/http/api-handler.js';
import { dynamoConfigFromEnv } from '../shared/store/client.js';
import { DynamoAuditStore } from '../shared/store/dynamodb-audit-store.js';
import type { AuditDeps } from '../shared/use-cases/audit.js';
import { deps, documentClient } from './deps.js';
import { getAgreementHistoryOperation } from './operations/agreement-history.js';
import { queryAuditOperation } from './operations/query-audit.js';
import { verifyAgreementHistoryOperation } from './operations/verify-agreement-history.js';

/** Built once per container, next to the shared deps. */
const auditDeps: AuditDeps = {
  clock: deps.clock,
  audit: new DynamoAuditStore(documentClient, dynamoConfigFromEnv().tableName),
};

/** Lambda: an agreement's history and its verification, and the audit query (read-only). */
export const handler = createApiHandler(auditRoutes, {
  getAgreementHistory: getAgreementHistoryOperation(auditDeps),
  verifyAgreementHistory: verifyAgreementHistoryOperation(auditDeps),
  queryAudit: queryAuditOperation(auditDeps),
});
