import { writesRoutes } from '../../shared/contract/routes/writes.js';
import { defineOperation } from '../../shared/http/operation.js';
import { created } from '../../shared/http/results.js';
import { createCeremony } from '../../shared/use-cases/ceremonies.js';
import { deps } from '../deps.js';

export const createCeremonyOperation = defineOperation(
  writesRoutes.createCeremony,
  async ({ path, body }) => {
    const ceremony = await createCeremony({ conferenceId: path.conferenceId, input: body, deps });
    return created(ceremony, ceremony.version, `/v1/ceremonies/${ceremony.id}`);
  },
);
