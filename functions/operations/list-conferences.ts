import { readsRoutes } from '../../shared/contract/routes/reads.js';
import { defineOperation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { listConferences } from '../../shared/use-cases/conferences.js';
import { deps } from '../deps.js';

export const listConferencesOperation = defineOperation(
  readsRoutes.listConferences,
  async ({ query }) => ok(await listConferences({ page: query, deps })),
);
