import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import {
  BUNDLE_ALIASES,
  BUNDLE_MAIN_FIELDS,
  BUNDLE_TARGET,
  ESM_REQUIRE_BANNER,
} from '../../cdk/constructs/bundle-options.js';

/**
 * The Lambda bundles exactly as the CDK stack builds them: `cdk synth`
 * into a directory of our own (the checkout's cdk.out belongs to whoever
 * synthesised last), then the API stack's template tells which asset is
 * which function and with which environment.
 */

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface FunctionBundle {
  /** `public`, `reads`, … from the construct id (`PublicFunction`). */
  readonly name: string;
  readonly assetDir: string;
  readonly entry: string;
  /** Environment variables of the template that are plain strings. */
  readonly environment: Record<string, string>;
  readonly memorySize: number;
  readonly bundleBytes: number;
  /** Everything deployed: bundle, source map, fonts. */
  readonly assetBytes: number;
}

interface TemplateResource {
  Type: string;
  Properties?: {
    Environment?: { Variables?: Record<string, unknown> };
    MemorySize?: number;
  };
  Metadata?: Record<string, string>;
}

export function synthesize(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['cdk', 'synth', '-q', '-o', outDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`cdk synth failed (${code}): ${stderr}`)),
    );
  });
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(path) : statSync(path).size;
  }
  return total;
}

/** The functions of the API stack in `cdkOut`, keyed by name. */
export function functionBundles(cdkOut: string): FunctionBundle[] {
  const templatePath = join(cdkOut, 'SigningTracker-Api.template.json');
  if (!existsSync(templatePath)) throw new Error(`No API stack template in ${cdkOut}`);
  const template = JSON.parse(readFileSync(templatePath, 'utf8')) as {
    Resources: Record<string, TemplateResource>;
  };
  const bundles: FunctionBundle[] = [];
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const path = resource.Metadata?.['aws:cdk:path'] ?? '';
    const asset = resource.Metadata?.['aws:asset:path'];
    const construct = /\/(\w+)Function\/Resource$/.exec(path)?.[1];
    if (!asset || !construct) continue;
    const assetDir = join(cdkOut, asset);
    const entry = join(assetDir, 'index.mjs');
    const environment = Object.fromEntries(
      Object.entries(resource.Properties?.Environment?.Variables ?? {}).filter(
        (pair): pair is [string, string] => typeof pair[1] === 'string',
      ),
    );
    bundles.push({
      name: construct.charAt(0).toLowerCase() + construct.slice(1),
      assetDir,
      entry,
      environment,
      memorySize: resource.Properties?.MemorySize ?? 128,
      bundleBytes: statSync(entry).size,
      assetBytes: directoryBytes(assetDir),
    });
  }
  return bundles;
}

/**
 * Bundles `entry` with the options the stack gives esbuild through
 * NodejsFunction: ESM, minified, linked source map without sources, AWS SDK
 * bundled, `module` before `main`, the createRequire banner, the stack's
 * module aliases, target node24. `minify: false` keeps each module's
 * `// path` comment, for attributing a profile.
 */
export async function bundleLikeCdk(
  entry: string,
  outDir: string,
  {
    minify = true,
    external = [],
  }: {
    minify?: boolean;
    /** As the stack's `externalModules` (the pdf function's PDF_LAZY_MODULES). */
    external?: readonly string[];
  } = {},
): Promise<string> {
  const outfile = join(outDir, 'index.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLE_TARGET,
    outfile,
    minify,
    sourcemap: true,
    sourcesContent: false,
    mainFields: [...BUNDLE_MAIN_FIELDS],
    banner: { js: ESM_REQUIRE_BANNER },
    external: [...external],
    alias: Object.fromEntries(
      Object.entries(BUNDLE_ALIASES).map(([module, stand]) => [module, join(REPO_ROOT, stand)]),
    ),
    logLevel: 'silent',
  });
  return outfile;
}
