/**
 * What every Lambda bundle is built with besides NodejsFunction's own
 * options (cdk/constructs/api-function.ts). Kept free of aws-cdk-lib, so
 * that the benchmark's tools bundle exactly like the stack without loading
 * the CDK (seconds).
 */

/**
 * Package entry points esbuild prefers, ES modules first: tree-shaken and
 * scope-hoisted where a CommonJS build would be wrapped whole.
 */
export const BUNDLE_MAIN_FIELDS: readonly string[] = ['module', 'main'];

/** The Lambda runtime's Node major (API_FUNCTION_RUNTIME), as esbuild names its target. */
export const BUNDLE_TARGET = 'node24';

/** esbuild's ESM output still calls `require` for CommonJS dependencies (fontkit, pkijs…). */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * Modules replaced in every bundle (esbuild `--alias`, resolved from the
 * project root) by stand-ins that refuse what the service never does, each
 * saying why in its file: fontkit's Brotli decoder (WOFF2 fonts), and
 * pdf-lib's standard fonts and PNG decoder.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  'brotli/decompress.js': './shared/pdf/woff2-unsupported.ts',
  '@pdf-lib/standard-fonts': './shared/pdf/standard-fonts-unused.ts',
  '@pdf-lib/upng': './shared/pdf/png-unsupported.ts',
};

/**
 * Packages the pdf function imports (`import()`) only for some documents:
 * fontkit, the OpenType layout engine, for text in joining scripts
 * (shared/pdf/shaping.ts). Left out of its bundle (`externalModules`) and
 * bundled apart into the asset's own `node_modules`, where Node resolves
 * the import: V8 parses every byte of a bundle at every cold start, used
 * or not, and fontkit's 270 KB were ~20–50 ms of a summary in Latin and
 * Cyrillic (docs/benchmarks.md).
 */
export const PDF_LAZY_MODULES: readonly string[] = ['fontkit'];

/**
 * Shell commands that bundle each lazy module as `node_modules/<name>/index.mjs`
 * under `outputDir`, with the options of the function bundles. They change to
 * the project root (`inputDir`) first: NodejsFunction runs hooks there when it
 * bundles locally, but chains them from `/` when it falls back to Docker.
 */
export function lazyModuleCommands(inputDir: string, outputDir: string): string[] {
  const aliases = Object.entries(BUNDLE_ALIASES).map(
    ([module, stand]) => `--alias:${module}=${stand}`,
  );
  return PDF_LAZY_MODULES.flatMap((module) => {
    const dir = `${outputDir}/node_modules/${module}`;
    return [
      `mkdir -p "${dir}"`,
      `echo '{"type":"module","main":"index.mjs"}' > "${dir}/package.json"`,
      [
        `cd "${inputDir}" &&`,
        'npx --no-install esbuild --bundle',
        module,
        `--platform=node --format=esm --target=${BUNDLE_TARGET} --minify`,
        `--main-fields=${BUNDLE_MAIN_FIELDS.join(',')}`,
        ...aliases,
        `"--banner:js=${ESM_REQUIRE_BANNER}"`,
        `"--outfile=${dir}/index.mjs"`,
        '--log-level=warning',
      ].join(' '),
    ];
  });
}
