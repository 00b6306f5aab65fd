import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { portalContentSecurityPolicy } from '../../web/security-headers.js';
import { localOidcSettings, requestOrigin } from './local-oidc.js';

/**
 * Serves the portal's production build (`web/dist`) at `/` on the API's
 * origin, with the runtime configuration `/config.json` pointing at the
 * local sign-in, and the same security headers CloudFront adds in AWS.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Paths that belong to the API, the docs page or the local sign-in, never to the portal. */
const NOT_PORTAL = /^\/(?:v1|docs|local-oidc)(?:\/|$)/;

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': portalContentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

export interface PortalSite {
  /** Answers GET/HEAD requests for the portal's files; false for any other request. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
}

export function createPortalSite(dir: string): PortalSite {
  const root = resolve(dir);
  const send = (
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body: Buffer | string,
  ) => {
    response.writeHead(status, { ...SECURITY_HEADERS, ...headers });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  return {
    handle(request, response) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const path = (request.url ?? '/').split('?')[0]!;
      if (NOT_PORTAL.test(path)) return false;
      if (path === '/config.json') {
        send(
          request,
          response,
          200,
          { 'content-type': CONTENT_TYPES['.json']!, 'cache-control': 'no-cache' },
          JSON.stringify(localOidcSettings(requestOrigin(request))),
        );
        return true;
      }
      let file: string;
      try {
        file = resolve(root, `.${decodeURIComponent(path === '/' ? '/index.html' : path)}`);
      } catch {
        return false; // a malformed %-escape: the API's 404
      }
      if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
        if (path !== '/') return false;
        send(
          request,
          response,
          503,
          { 'content-type': CONTENT_TYPES['.txt']!, 'cache-control': 'no-store' },
          `The portal is not built yet (no ${file}): npm start builds it when it starts; or run npm run build:web\n`,
        );
        return true;
      }
      send(
        request,
        response,
        200,
        {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          // Vite names assets by content hash; the page and its config must be revalidated.
          'cache-control': path.startsWith('/assets/')
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        },
        readFileSync(file),
      );
      return true;
    },
  };
}
