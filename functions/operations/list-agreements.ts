import { readsRoutes } from '../../shared/contract/routes/reads.js';
import { defineOperation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { listAgreements } from '../../shared/use-cases/agreements.js';
import { deps } from '../deps.js';

export const listAgreementsOperation = defineOperation(
  readsRoutes.listAgreements,
  async ({ path, query, actor }) =>
    ok(await listAgreements({ conferenceId: path.conferenceId, page: query, actor, deps })),
);
