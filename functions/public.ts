import { publicRoutes } from '../shared/contract/routes/public.js';
import { createApiHandler } from '../shared/http/api-handler.js';
import { getDocsAssetOperation, getDocsPageOperation } from './operations/docs-page.js';
import { getHealthOperation } from './operations/get-health.js';
import { getOpenApiDocumentOperation } from './operations/openapi-document.js';

/** Lambda: routes without a token, and API Gateway's `$default` (problem 404/405 for unknown routes). */
export const handler = createApiHandler(
  publicRoutes,
  {
    getHealth: getHealthOperation,
    getOpenApiDocument: getOpenApiDocumentOperation,
    getDocsPage: getDocsPageOperation,
    getDocsAsset: getDocsAssetOperation,
  },
  { allRoutes: async () => (await import('../shared/contract/routes.js')).routes },
);
