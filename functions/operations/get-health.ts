import { definePublicOperation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { deps } from '../deps.js';

/** 200 once the table answers; a storage failure becomes the usual 503 problem. */
export const getHealthOperation = definePublicOperation({
  run: async () => {
    await deps.store.ping();
    return ok({ status: 'ok' });
  },
});
