import { writesRoutes } from '../../shared/contract/routes/writes.js';
import { defineOperation } from '../../shared/http/operation.js';
import { created } from '../../shared/http/results.js';
import { recordAct } from '../../shared/use-cases/acts.js';
import { deps } from '../deps.js';

/** `POST …/signatories/{party}/acts` → 201 `{ act, signatory }`. */
export const recordActOperation = defineOperation(
  writesRoutes.recordAct,
  async ({ path, body, actor, requestId, ifMatch }) => {
    const { act, signatory, agreement } = await recordAct({
      ...path,
      input: body,
      ifMatch,
      actor,
      requestId,
      deps,
    });
    return created({ act, signatory }, agreement.version);
  },
);
