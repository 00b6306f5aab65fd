import type { SignatoryChange } from '../../shared/domain/agreement-changes.js';
import { defineOperation } from '../../shared/http/operation.js';
import { created, ok } from '../../shared/http/results.js';
import {
  ZDeclineSignature,
  ZRecordSignature,
  ZSignatoryPath,
  ZWithdrawSignature,
} from '../../shared/schemas/requests.js';
import { changeSignatoryState } from '../../shared/use-cases/agreements.js';
import { deps } from '../deps.js';

/** The three signatory routes differ only in schema, change and status code. */
function signatoryOperation<TBody>(
  schema: import('zod').ZodType<TBody>,
  toChange: (body: TBody) => SignatoryChange,
  status: 200 | 201,
) {
  return defineOperation({
    path: ZSignatoryPath,
    body: schema,
    run: async ({ path, body, actor, requestId, ifMatch }) => {
      const { agreement, signatory } = await changeSignatoryState({
        ...path,
        change: toChange(body),
        ifMatch,
        actor,
        requestId,
        deps,
      });
      return status === 201
        ? created(signatory, agreement.version)
        : ok(signatory, agreement.version);
    },
  });
}

export const recordSignatureOperation = signatoryOperation(
  ZRecordSignature,
  (body) => ({ action: 'sign', ...body }),
  201,
);
export const declineSignatureOperation = signatoryOperation(
  ZDeclineSignature,
  (body) => ({ action: 'decline', ...body }),
  200,
);
export const withdrawSignatureOperation = signatoryOperation(
  ZWithdrawSignature,
  (body) => ({ action: 'withdraw', ...body }),
  200,
);
