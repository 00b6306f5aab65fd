/**
 * The portal's Content-Security-Policy, in one place for the local server
 * and CloudFront's response headers policy. The portal loads only its own
 * files and calls only its own origin, plus the sign-in authority's
 * endpoints (Cognito's are on other hosts; the local one is same-origin).
 */
export function portalContentSecurityPolicy(authorityOrigins: readonly string[] = []): string {
  const authorities = authorityOrigins.map((origin) => ` ${origin}`).join('');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "manifest-src 'self'",
    `connect-src 'self'${authorities}`,
    `form-action 'self'${authorities}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** HSTS max-age: two years, as hstspreload.org asks. */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;
