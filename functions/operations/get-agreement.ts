import { readsRoutes } from '../../shared/contract/routes/reads.js';
import { defineOperation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { getAgreement } from '../../shared/use-cases/agreements.js';
import { deps } from '../deps.js';

export const getAgreementOperation = defineOperation(
  readsRoutes.getAgreement,
  async ({ path, actor }) => {
    const agreement = await getAgreement({ agreementId: path.agreementId, actor, deps });
    return ok(agreement, agreement.version);
  },
);
