import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  DOCS_ASSETS,
  DOCS_INITIALIZER,
  DOCS_PACKAGE_FILES,
} from '../../shared/contract/docs-assets.js';
import { publicRoutes } from '../../shared/contract/routes/public.js';
import { NotFoundError } from '../../shared/domain/errors.js';
import { contentEtag, ifNoneMatchHolds } from '../../shared/http/conditional.js';
import { defineOperation, type OperationResult } from '../../shared/http/operation.js';

/**
 * `GET /docs` and `GET /docs/{asset}`: Swagger UI for this API, served by the
 * API itself from the installed `swagger-ui-dist` package (no CDN). The page
 * loads `v1/openapi.json` relative to itself, so it also works behind a base
 * path. Bearer tokens are pasted through the Authorize button and only live
 * in the page (`persistAuthorization` is off).
 *
 * Files are read from `DOCS_ASSET_DIR` when set (the Lambda bundle, where the
 * CDK stack copies `DOCS_PACKAGE_FILES`), else from the package in
 * node_modules; each is read (and gzipped) once per process, on first use.
 */

const PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Signing tracker API</title>
    <link rel="stylesheet" href="docs/swagger-ui.css" />
    <link rel="icon" type="image/png" href="docs/favicon-32x32.png" sizes="32x32" />
    <link rel="icon" type="image/png" href="docs/favicon-16x16.png" sizes="16x16" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="docs/swagger-ui-bundle.js"></script>
    <script src="docs/swagger-ui-standalone-preset.js"></script>
    <script src="docs/${DOCS_INITIALIZER}"></script>
  </body>
</html>
`;

// Relative URLs: the page is `/docs`, so `v1/openapi.json` is `/v1/openapi.json`
// (and stays right when a custom domain maps the API under a base path).
const INITIALIZER_SOURCE = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: new URL('v1/openapi.json', document.baseURI).href,
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
    validatorUrl: null,
    displayRequestDuration: true,
    persistAuthorization: false,
  });
});
`;

/**
 * Swagger UI needs its own scripts, inline styles (React) and data: images
 * (its SVG icons); it only talks to this origin.
 */
const PAGE_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface StaticAsset {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly etag: string;
  gzipped?: Uint8Array;
}

const assets = new Map<string, StaticAsset>();

function packageDir(): string {
  const fromEnv = process.env.DOCS_ASSET_DIR;
  if (fromEnv) return fromEnv;
  // `absolute-path.js` only returns the package directory; the package's main
  // module would evaluate the whole 1.7 MB browser bundle in Node.
  const require = createRequire(import.meta.url);
  const getAbsoluteFSPath = require('swagger-ui-dist/absolute-path.js') as () => string;
  return getAbsoluteFSPath();
}

export function makeAsset(bytes: Uint8Array, contentType: string): StaticAsset {
  return { bytes, contentType, etag: contentEtag(bytes) };
}

function assetNamed(name: string): StaticAsset | undefined {
  const cached = assets.get(name);
  if (cached) return cached;
  let asset: StaticAsset;
  if (name === DOCS_INITIALIZER) {
    asset = makeAsset(Buffer.from(INITIALIZER_SOURCE, 'utf8'), 'text/javascript; charset=utf-8');
  } else {
    if (!Object.hasOwn(DOCS_PACKAGE_FILES, name)) return undefined;
    asset = makeAsset(readFileSync(join(packageDir(), name)), DOCS_PACKAGE_FILES[name]!);
  }
  assets.set(name, asset);
  return asset;
}

const pageAsset = makeAsset(Buffer.from(PAGE, 'utf8'), 'text/html; charset=utf-8');

/** `Accept-Encoding` names gzip (or `*`) without `q=0`. */
function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return (acceptEncoding ?? '').split(',').some((part) => {
    const [coding = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/**
 * A static file with a strong ETag (304 on `If-None-Match`), gzipped for
 * clients that accept it (the bundle shrinks from 1.7 MB to about 0.5 MB).
 */
export function serve(
  asset: StaticAsset,
  headers: Readonly<Record<string, string | undefined>>,
  extraHeaders: Readonly<Record<string, string>>,
): OperationResult {
  // Each encoding is its own representation, with its own strong ETag.
  const gzip = asset.bytes.length > 1024 && acceptsGzip(headers['accept-encoding']);
  const etag = gzip ? `${asset.etag.slice(0, -1)}-gzip"` : asset.etag;
  const common = {
    etag,
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
    ...extraHeaders,
  };
  if (ifNoneMatchHolds(headers['if-none-match'], etag)) return { status: 304, headers: common };
  if (gzip) asset.gzipped ??= gzipSync(asset.bytes);
  return {
    status: 200,
    binary: { bytes: gzip ? asset.gzipped! : asset.bytes, contentType: asset.contentType },
    headers: gzip ? { ...common, 'content-encoding': 'gzip' } : common,
  };
}

export const getDocsPageOperation = defineOperation(publicRoutes.getDocsPage, async ({ headers }) =>
  serve(pageAsset, headers, {
    'cache-control': 'no-cache',
    'content-security-policy': PAGE_SECURITY_POLICY,
    'referrer-policy': 'no-referrer',
  }),
);

export const getDocsAssetOperation = defineOperation(
  publicRoutes.getDocsAsset,
  async ({ event, headers }) => {
    // `{asset}` is checked here, not by a schema: the public function loads no zod at cold start.
    const name = event.pathParameters?.asset ?? '';
    const asset = DOCS_ASSETS.includes(name) ? assetNamed(name) : undefined;
    if (!asset) throw new NotFoundError(`No documentation asset ${JSON.stringify(name)}.`);
    // Names are not versioned (a deployment may change them): revalidate after an hour.
    return serve(asset, headers, { 'cache-control': 'public, max-age=3600' });
  },
);
