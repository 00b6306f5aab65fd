import type { RouteContract } from './route.js';
import { auditRoutes } from './routes/audit.js';
import { pdfRoutes } from './routes/pdf.js';
import { publicRoutes } from './routes/public.js';
import { readsRoutes } from './routes/reads.js';
import { sealCheckRoutes } from './routes/seal-check.js';
import { verifyRoutes } from './routes/verify.js';
import { writesRoutes } from './routes/writes.js';

/**
 * The one route table: every function's routes, in the order the
 * documentation lists them. Each function's Lambda imports only its own
 * module (`routes/<function>.ts`), so its bundle carries no other
 * function's schemas; the CDK stack, the local server, the OpenAPI builder
 * and the `$default` route (404 or 405) read this whole table.
 *
 * A new route is one entry in its function's module and one operation file
 * in `functions/operations/` (see the README, "Adding a route").
 */
export const routes: readonly RouteContract[] = [
  ...Object.values(publicRoutes),
  ...Object.values(writesRoutes),
  ...Object.values(readsRoutes),
  ...Object.values(pdfRoutes),
  ...Object.values(auditRoutes),
  ...Object.values(verifyRoutes),
  ...Object.values(sealCheckRoutes),
];
