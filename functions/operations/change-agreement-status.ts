import { writesRoutes } from '../../shared/contract/routes/writes.js';
import { defineOperation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { changeAgreementLifecycle } from '../../shared/use-cases/agreements.js';
import { deps } from '../deps.js';

const lifecycleOperation = (
  route: typeof writesRoutes.openAgreement | typeof writesRoutes.closeAgreement,
  action: 'open' | 'close',
) =>
  defineOperation(route, async ({ path, actor, requestId, ifMatch }) => {
    const agreement = await changeAgreementLifecycle({
      agreementId: path.agreementId,
      action,
      ifMatch,
      actor,
      requestId,
      deps,
    });
    return ok(agreement, agreement.version);
  });

export const openAgreementOperation = lifecycleOperation(writesRoutes.openAgreement, 'open');
export const closeAgreementOperation = lifecycleOperation(writesRoutes.closeAgreement, 'close');
