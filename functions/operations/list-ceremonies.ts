import { readsRoutes } from '../../shared/contract/routes/reads.js';
import { defineOperation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { listCeremonies } from '../../shared/use-cases/ceremonies.js';
import { deps } from '../deps.js';

export const listCeremoniesOperation = defineOperation(
  readsRoutes.listCeremonies,
  async ({ path, query, actor }) =>
    ok(await listCeremonies({ conferenceId: path.conferenceId, page: query, actor, deps })),
);
