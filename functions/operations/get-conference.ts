import { readsRoutes } from '../../shared/contract/routes/reads.js';
import { defineOperation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { getConference } from '../../shared/use-cases/conferences.js';
import { deps } from '../deps.js';

export const getConferenceOperation = defineOperation(
  readsRoutes.getConference,
  async ({ path }) => {
    const conference = await getConference({ conferenceId: path.conferenceId, deps });
    return ok(conference, conference.version);
  },
);
