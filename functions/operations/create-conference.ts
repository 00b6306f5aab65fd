import { defineOperation } from '../../shared/http/operation.js';
import { created } from '../../shared/http/results.js';
import { ZCreateConference } from '../../shared/schemas/requests.js';
import { createConference } from '../../shared/use-cases/conferences.js';
import { deps } from '../deps.js';

export const createConferenceOperation = defineOperation({
  body: ZCreateConference,
  run: async ({ body }) => {
    const conference = await createConference({ input: body, deps });
    return created(conference, conference.version, `/v1/conferences/${conference.id}`);
  },
});
