import { defineOperation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { ZPageQuery } from '../../shared/schemas/requests.js';
import { listConferences } from '../../shared/use-cases/conferences.js';
import { deps } from '../deps.js';

export const listConferencesOperation = defineOperation({
  query: ZPageQuery,
  run: async ({ query }) => ok(await listConferences({ page: query, deps })),
});
