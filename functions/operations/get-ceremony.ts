import { readsRoutes } from '../../shared/contract/routes/reads.js';
import { defineOperation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { getCeremony } from '../../shared/use-cases/ceremonies.js';
import { deps } from '../deps.js';

export const getCeremonyOperation = defineOperation(
  readsRoutes.getCeremony,
  async ({ path, actor }) => {
    const ceremony = await getCeremony({ ceremonyId: path.ceremonyId, actor, deps });
    return ok(ceremony, ceremony.version);
  },
);
