import { readsRoutes } from '../../shared/contract/routes/reads.js';
import { defineOperation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { readAgreement } from '../../shared/use-cases/agreements.js';
import { pointInTimeOf } from '../../shared/use-cases/summaries.js';
import { deps } from '../deps.js';

export const getAgreementOperation = defineOperation(
  readsRoutes.getAgreement,
  async ({ path, query, actor }) => {
    const point = pointInTimeOf(query);
    const agreement = await readAgreement({
      agreementId: path.agreementId,
      actor,
      ...(point && { point }),
      deps,
    });
    return ok(agreement, agreement.version);
  },
);
