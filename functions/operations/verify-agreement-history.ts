import { auditRoutes } from '../../shared/contract/routes/audit.js';
import { defineOperation, type Operation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { type AuditDeps, verifyAgreementHistory } from '../../shared/use-cases/audit.js';

/**
 * `GET /v1/agreements/{agreementId}/history/verification`:
 * `{ valid, eventCount, headHash, firstInvalidSeq? }`, recomputed from the
 * events as stored on every call (never cached).
 */
export const verifyAgreementHistoryOperation = (deps: AuditDeps): Operation =>
  defineOperation(auditRoutes.verifyAgreementHistory, async ({ path }) =>
    ok(await verifyAgreementHistory({ agreementId: path.agreementId, deps })),
  );
