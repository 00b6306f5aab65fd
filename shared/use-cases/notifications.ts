import { partyScope } from '../domain/access.js';
import type { DepositaryNotification } from '../domain/acts.js';
import type { Actor } from '../domain/types.js';
import { depositaryOf } from './agreements.js';
import type { Page, PageRequest, UseCaseDeps } from './ports.js';

/** `GET /v1/notifications`: members see those of the agreements their party is in. */
export function listNotifications(args: {
  query: PageRequest & { from?: string; to?: string; agreementId?: string };
  actor: Actor;
  deps: UseCaseDeps;
}): Promise<Page<DepositaryNotification>> {
  const onlyParty = partyScope(args.actor);
  return args.deps.store.listNotifications({
    ...args.query,
    prefix: depositaryOf(args.deps).notificationPrefix,
    ...(onlyParty !== undefined && { onlyParty }),
  });
}
