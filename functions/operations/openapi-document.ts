import { publicRoutes } from '../../shared/contract/routes/public.js';
import { defineOperation } from '../../shared/http/operation.js';
import { makeAsset, type StaticAsset, serve } from './docs-page.js';

/**
 * `GET /v1/openapi.json`: the OpenAPI 3.1 document, generated from the route
 * table and the zod schemas once per process, with a strong ETag (304 on
 * `If-None-Match`) and gzip for clients that accept it.
 *
 * The generator (zod and every schema) is imported on first use, so that the
 * health check sharing this function does not pay for it at cold start.
 */
let document: StaticAsset | undefined;

async function generatedDocument(): Promise<StaticAsset> {
  if (!document) {
    const { openApiDocument } = await import('../../shared/schemas/openapi.js');
    document = makeAsset(
      Buffer.from(JSON.stringify(openApiDocument()), 'utf8'),
      'application/json; charset=utf-8',
    );
  }
  return document;
}

export const getOpenApiDocumentOperation = defineOperation(
  publicRoutes.getOpenApiDocument,
  async ({ headers }) =>
    serve(await generatedDocument(), headers, {
      'cache-control': 'no-cache',
      // A public document: let other origins' tools (editors, client generators) fetch it.
      'access-control-allow-origin': '*',
    }),
);
