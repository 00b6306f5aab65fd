import { DOCS_ASSETS } from '../docs-assets.js';
import { binary, defineRoutes, type ResponseContract } from '../route.js';

/** Routes without a token, served by the public function (which also answers `$default`). */

const notModified: ResponseContract = {
  description: 'Unchanged.',
  headers: ['ETag', 'Cache-Control'],
};

export const publicRoutes = defineRoutes('public', {
  getHealth: {
    method: 'GET',
    path: '/v1/health',
    roles: 'public',
    tag: 'Service',
    summary: 'Liveness and table reachability',
    description: 'Answers 200 once the API can reach its table, 503 otherwise. No token needed.',
    responses: {
      200: {
        description: 'The API can reach its table.',
        content: { 'application/json': 'Health' },
      },
    },
  },
  getOpenApiDocument: {
    method: 'GET',
    path: '/v1/openapi.json',
    roles: 'public',
    tag: 'Service',
    summary: 'This API as an OpenAPI 3.1 document',
    description: 'This document. Generated from the route table and the validation schemas.',
    storage: false,
    conditional: { ifNoneMatch: true },
    responses: {
      200: {
        description: 'The OpenAPI 3.1 document.',
        content: {
          'application/json': {
            raw: {
              type: 'object',
              properties: {
                openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
                info: { type: 'object' },
                paths: { type: 'object' },
              },
              required: ['openapi', 'info', 'paths'],
            },
          },
        },
        headers: ['ETag', 'Cache-Control', 'Vary'],
      },
      304: notModified,
    },
  },
  getDocsPage: {
    method: 'GET',
    path: '/docs',
    roles: 'public',
    tag: 'Service',
    summary: 'Interactive API documentation (Swagger UI)',
    description: 'Swagger UI for this document: paste a token under Authorize, then Try it out.',
    storage: false,
    conditional: { ifNoneMatch: true },
    responses: {
      200: {
        description: 'The page.',
        content: { 'text/html': { raw: { type: 'string' } } },
        headers: ['ETag', 'Cache-Control', 'Vary'],
      },
      304: notModified,
    },
  },
  getDocsAsset: {
    method: 'GET',
    path: '/docs/{asset}',
    roles: 'public',
    tag: 'Service',
    summary: 'Static assets of the documentation page',
    description: 'Scripts, styles and icons of the documentation page, served by the API itself.',
    storage: false,
    conditional: { ifNoneMatch: true },
    request: { pathParameters: { asset: { type: 'string', enum: DOCS_ASSETS } } },
    responses: {
      200: {
        description: 'The asset (gzip-encoded when the client accepts it).',
        content: {
          'text/javascript': { raw: { type: 'string' } },
          'text/css': { raw: { type: 'string' } },
          'image/png': binary('image/png'),
        },
        headers: ['ETag', 'Cache-Control', 'Content-Encoding', 'Vary'],
      },
      304: notModified,
    },
  },
});
