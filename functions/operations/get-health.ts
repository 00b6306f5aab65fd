import { publicRoutes } from '../../shared/contract/routes/public.js';
import { defineOperation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { deps } from '../deps.js';

/** 200 once the table answers; a storage failure becomes the usual 503 problem. */
export const getHealthOperation = defineOperation(publicRoutes.getHealth, async () => {
  await deps.store.ping();
  return ok({ status: 'ok' });
});
