/**
 * What every Lambda bundle is built with besides NodejsFunction's own
 * options (cdk/constructs/api-function.ts). Kept free of aws-cdk-lib, so
 * that the benchmark's tools bundle exactly like the stack without loading
 * the CDK (seconds).
 */

/** esbuild's ESM output still calls `require` for CommonJS dependencies (fontkit, pkijs…). */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * Modules replaced in every bundle (esbuild `--alias`, resolved from the
 * project root): fontkit's Brotli decoder, for WOFF2 fonts the renderer
 * never reads (see shared/pdf/woff2-unsupported.ts).
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  'brotli/decompress.js': './shared/pdf/woff2-unsupported.ts',
};
