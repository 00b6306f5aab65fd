import { readsRoutes } from '../../shared/contract/routes/reads.js';
import { defineOperation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { listNotifications } from '../../shared/use-cases/notifications.js';
import { deps } from '../deps.js';

export const listNotificationsOperation = defineOperation(
  readsRoutes.listNotifications,
  async ({ query, actor }) => ok(await listNotifications({ query, actor, deps })),
);
