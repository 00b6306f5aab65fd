/**
 * Stands in for `brotli/decompress.js` in the Lambda bundles
 * (cdk/constructs/api-function.ts, BUNDLE_ALIASES). fontkit imports that
 * decoder only to read WOFF2 fonts, and the renderer reads TrueType files
 * alone (shared/pdf/fonts.ts); the real module decodes a 120 KB dictionary
 * when it loads, which cost every PDF cold start about 50 ms, and is 486 KB
 * of the bundle.
 */
export default function decompress(): never {
  throw new Error('WOFF2 fonts are not supported: the PDF renderer embeds TrueType fonts only.');
}
