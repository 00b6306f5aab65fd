import { defineOperation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { ZConferencePath, ZPageQuery } from '../../shared/schemas/requests.js';
import { listAgreements } from '../../shared/use-cases/agreements.js';
import { deps } from '../deps.js';

export const listAgreementsOperation = defineOperation({
  path: ZConferencePath,
  query: ZPageQuery,
  run: async ({ path, query, actor }) =>
    ok(await listAgreements({ conferenceId: path.conferenceId, page: query, actor, deps })),
});
