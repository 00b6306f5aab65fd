import { writesRoutes } from '../../shared/contract/routes/writes.js';
import { defineOperation } from '../../shared/http/operation.js';
import { created } from '../../shared/http/results.js';
import { createConference } from '../../shared/use-cases/conferences.js';
import { deps } from '../deps.js';

export const createConferenceOperation = defineOperation(
  writesRoutes.createConference,
  async ({ body }) => {
    const conference = await createConference({ input: body, deps });
    return created(conference, conference.version, `/v1/conferences/${conference.id}`);
  },
);
