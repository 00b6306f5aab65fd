import { defineOperation } from '../../shared/http/operation.js';
import { created, ok } from '../../shared/http/results.js';
import {
  ZCeremonyPath,
  ZConferencePath,
  ZCreateCeremony,
  ZPageQuery,
} from '../../shared/schemas/requests.js';
import { createCeremony, getCeremony, listCeremonies } from '../../shared/use-cases/ceremonies.js';
import { deps } from '../deps.js';

export const createCeremonyOperation = defineOperation({
  path: ZConferencePath,
  body: ZCreateCeremony,
  run: async ({ path, body }) => {
    const ceremony = await createCeremony({ conferenceId: path.conferenceId, input: body, deps });
    return created(ceremony, ceremony.version, `/v1/ceremonies/${ceremony.id}`);
  },
});

export const getCeremonyOperation = defineOperation({
  path: ZCeremonyPath,
  run: async ({ path, actor }) => {
    const ceremony = await getCeremony({ ceremonyId: path.ceremonyId, actor, deps });
    return ok(ceremony, ceremony.version);
  },
});

export const listCeremoniesOperation = defineOperation({
  path: ZConferencePath,
  query: ZPageQuery,
  run: async ({ path, query, actor }) =>
    ok(await listCeremonies({ conferenceId: path.conferenceId, page: query, actor, deps })),
});
