import { writesRoutes } from '../../shared/contract/routes/writes.js';
import type { SignatoryChange } from '../../shared/domain/agreement-changes.js';
import { defineOperation, type OperationRequest } from '../../shared/http/operation.js';
import { created, ok } from '../../shared/http/results.js';
import { changeSignatoryState } from '../../shared/use-cases/agreements.js';
import { deps } from '../deps.js';

type SignatoryRoute =
  | typeof writesRoutes.recordSignature
  | typeof writesRoutes.declineSignature
  | typeof writesRoutes.withdrawSignature;

/** The three signatory routes differ only in route, change and status code. */
function signatoryOperation<R extends SignatoryRoute>(
  route: R,
  toChange: (body: OperationRequest<R>['body']) => SignatoryChange,
  status: 200 | 201,
) {
  return defineOperation(route, async (request) => {
    const { path, actor, requestId, ifMatch } = request as OperationRequest<SignatoryRoute>;
    const { agreement, signatory } = await changeSignatoryState({
      ...path,
      change: toChange(request.body),
      ifMatch,
      actor,
      requestId,
      deps,
    });
    return status === 201
      ? created(signatory, agreement.version)
      : ok(signatory, agreement.version);
  });
}

export const recordSignatureOperation = signatoryOperation(
  writesRoutes.recordSignature,
  (body) => ({ action: 'sign', ...body }),
  201,
);
export const declineSignatureOperation = signatoryOperation(
  writesRoutes.declineSignature,
  (body) => ({ action: 'decline', ...body }),
  200,
);
export const withdrawSignatureOperation = signatoryOperation(
  writesRoutes.withdrawSignature,
  (body) => ({ action: 'withdraw', ...body }),
  200,
);
