import { writesRoutes } from '../../shared/contract/routes/writes.js';
import { defineOperation } from '../../shared/http/operation.js';
import { created } from '../../shared/http/results.js';
import { createAgreement } from '../../shared/use-cases/agreements.js';
import { deps } from '../deps.js';

export const createAgreementOperation = defineOperation(
  writesRoutes.createAgreement,
  async ({ path, body, actor, requestId }) => {
    const agreement = await createAgreement({
      conferenceId: path.conferenceId,
      input: body,
      actor,
      requestId,
      deps,
    });
    return created(agreement, agreement.version, `/v1/agreements/${agreement.id}`);
  },
);
