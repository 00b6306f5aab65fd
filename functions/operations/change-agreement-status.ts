import { defineOperation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { ZAgreementPath, ZEmptyBody } from '../../shared/schemas/requests.js';
import { changeAgreementLifecycle } from '../../shared/use-cases/agreements.js';
import { deps } from '../deps.js';

const lifecycleOperation = (action: 'open' | 'close') =>
  defineOperation({
    path: ZAgreementPath,
    body: ZEmptyBody,
    run: async ({ path, actor, requestId, ifMatch }) => {
      const agreement = await changeAgreementLifecycle({
        agreementId: path.agreementId,
        action,
        ifMatch,
        actor,
        requestId,
        deps,
      });
      return ok(agreement, agreement.version);
    },
  });

export const openAgreementOperation = lifecycleOperation('open');
export const closeAgreementOperation = lifecycleOperation('close');
