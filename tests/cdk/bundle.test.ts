import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ESM_REQUIRE_BANNER, PDF_LAZY_MODULES } from '../../cdk/constructs/bundle-options.js';
import { API_STACK_NAME } from '../../cdk/signing-tracker.js';
import {
  functionId,
  PDF_FALLBACK_FONT_FOLDER,
  PDF_FALLBACK_WEIGHTS,
  PDF_FONT_LICENSE,
  PDF_FONTS,
  pdfFallbackFiles,
} from '../../cdk/stacks/api-stack.js';
import { DOCS_PACKAGE_FILES } from '../../shared/contract/docs-assets.js';
import { FUNCTION_NAMES } from '../../shared/contract/functions.js';
import type { FunctionName } from '../../shared/contract/route.js';

/**
 * Runs the real `cdk synth` (the CLI and cdk.json's app, with esbuild and
 * no Docker, cdk-nag included) into a temporary cloud assembly, then checks
 * what would be uploaded to Lambda. In a child process: CDK's local bundling
 * hands the process's stderr to esbuild, which a worker thread cannot, and
 * so this file can share the unit tests' thread while DynamoDB Local serves
 * the integration tests beside it.
 */

const functionNames = FUNCTION_NAMES;
let outdir: string;
/** The asset folder of each Lambda function, from the template's asset metadata. */
let assetDirs: ReadonlyMap<string, string>;

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'signing-tracker-cdk-'));
  await promisify(execFile)(
    'npx',
    ['cdk', 'synth', '--quiet', '--no-notices', '--output', outdir],
    {
      timeout: 170_000,
    },
  );
  const template = JSON.parse(
    readFileSync(join(outdir, `${API_STACK_NAME}.template.json`), 'utf8'),
  ) as { Resources: Record<string, { Type: string; Metadata?: Record<string, unknown> }> };
  assetDirs = new Map(
    Object.values(template.Resources)
      .filter((resource) => resource.Type === 'AWS::Lambda::Function')
      .map(({ Metadata = {} }) => [
        String(Metadata['aws:cdk:path']),
        join(outdir, String(Metadata['aws:asset:path'])),
      ]),
  );
}, 180_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

function assetDirOf(name: FunctionName): string {
  const dir = assetDirs.get(`${API_STACK_NAME}/${functionId(name)}/Resource`);
  if (!dir) throw new Error(`No bundled function ${name} in the template`);
  return dir;
}

describe('bundles', () => {
  test.each(functionNames)(
    '%s: one minified ESM file with the createRequire banner and a source map',
    (name) => {
      const dir = assetDirOf(name);
      const files = readdirSync(dir)
        .filter((file) => !['fonts', 'docs', 'node_modules'].includes(file))
        .sort();
      expect(files).toEqual(['index.mjs', 'index.mjs.map']);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
      expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
      const size = statSync(join(dir, 'index.mjs')).size;
      // Minified: long lines (only template literals keep newlines); unminified code averages ~40.
      expect(size / code.split('\n').length).toBeGreaterThan(1_000);
      console.info(`bundle ${name}: ${(size / 1024).toFixed(0)} KiB`);
      expect(size).toBeLessThan(5 * 1024 * 1024);
    },
  );

  test("the pdf bundle leaves fontkit to its asset's node_modules, bundled there without its Brotli decoder", () => {
    const dir = assetDirOf('pdf');
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code).toContain('import("fontkit")');
    expect(code).not.toContain('Unknown font format');
    for (const name of functionNames.filter((n) => n !== 'pdf'))
      expect(existsSync(join(assetDirOf(name), 'node_modules')), name).toBe(false);
    expect(readdirSync(join(dir, 'node_modules'))).toEqual([...PDF_LAZY_MODULES]);
    const fontkit = readFileSync(join(dir, 'node_modules', 'fontkit', 'index.mjs'), 'utf8');
    expect(fontkit).toContain('Unknown font format');
    expect(fontkit).toContain('WOFF2 fonts are not supported');
    expect(fontkit).not.toContain('BrotliDecompressBuffer');
  });

  test('the pdf bundle carries the DejaVu fonts and their licence, and only the pdf bundle', () => {
    for (const name of functionNames) {
      const fonts = join(assetDirOf(name), 'fonts');
      if (name !== 'pdf') {
        expect(existsSync(fonts), name).toBe(false);
        continue;
      }
      expect(readdirSync(fonts).sort()).toEqual(
        [...PDF_FONTS, PDF_FONT_LICENSE, PDF_FALLBACK_FONT_FOLDER].sort(),
      );
      const noto = join(fonts, PDF_FALLBACK_FONT_FOLDER);
      expect(readdirSync(noto).sort()).toEqual(['LICENSE', 'files', 'unicode.json']);
      expect(readdirSync(join(noto, 'files')).sort()).toEqual(
        PDF_FALLBACK_WEIGHTS.flatMap((weight) => pdfFallbackFiles(weight)).sort(),
      );
      for (const font of PDF_FONTS) {
        const bytes = readFileSync(join(fonts, font));
        expect(bytes.length).toBeGreaterThan(100_000);
        // TrueType magic number.
        expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0, 1, 0, 0]));
      }
    }
  });

  test('the public bundle carries the Swagger UI assets of the docs page and their licence', () => {
    const docs = join(assetDirOf('public'), 'docs');
    expect(readdirSync(docs).sort()).toEqual(
      [...Object.keys(DOCS_PACKAGE_FILES), 'LICENSE', 'NOTICE'].sort(),
    );
    for (const name of functionNames.filter((n) => n !== 'public'))
      expect(existsSync(join(assetDirOf(name), 'docs')), name).toBe(false);
  });

  /**
   * Imports the bundle and invokes its handler with a request for a route it
   * does not serve: the whole Middy stack runs (routing, problem table, logs)
   * without touching the table, and answers a problem+json 404.
   */
  const INVOKE = `
const m = await import(process.env.BUNDLE_URL);
const event = {
  version: '2.0', routeKey: '$default', rawPath: '/v1/no-such-route', rawQueryString: '',
  headers: {}, isBase64Encoded: false,
  requestContext: { requestId: 'bundle-test', routeKey: '$default', stage: '$default',
    http: { method: 'GET', path: '/v1/no-such-route', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' } },
};
const context = { functionName: 'bundle-test', awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 10000 };
const result = await m.handler(event, context);
process.stdout.write(JSON.stringify({ version: process.version, status: result.statusCode, type: result.headers['content-type'] }));
`;

  /** Runs `script` as an ES module under `node`, with the bundle's URL in BUNDLE_URL. */
  function runWithBundle(node: string, name: FunctionName, script: string): string {
    const result = spawnSync(node, ['--input-type=module', '-e', script], {
      // Bare specifiers resolve from here as they do from the asset's index.mjs.
      cwd: assetDirOf(name),
      env: {
        PATH: process.env.PATH,
        BUNDLE_URL: new URL(`file://${join(assetDirOf(name), 'index.mjs')}`).href,
        TABLE_NAME: 'bundle-test',
        AWS_REGION: 'us-east-1',
        POWERTOOLS_SERVICE_NAME: 'signing-tracker',
        POWERTOOLS_TRACE_ENABLED: 'false',
        POWERTOOLS_METRICS_DISABLED: 'true',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
        POWERTOOLS_DEV: 'true',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    // Node echoes the failing (minified, huge) source line: keep only the error lines.
    const errors = result.stderr
      .split('\n')
      .filter((line) => /^(\w*Error|\s+at )/.test(line))
      .slice(0, 6)
      .join('\n');
    expect(result.status, errors || result.stderr.slice(-1_000)).toBe(0);
    return result.stdout;
  }

  const invokeBundle = (node: string, name: FunctionName) =>
    JSON.parse(runWithBundle(node, name, INVOKE)) as {
      version: string;
      status: number;
      type: string;
    };

  test.each(functionNames)(
    '%s: the bundle loads as ESM in plain Node and exports handler',
    (name) => {
      const script =
        'const m = await import(process.env.BUNDLE_URL); process.stdout.write(typeof m.handler);';
      expect(runWithBundle(process.execPath, name, script)).toBe('function');
    },
  );

  const problem404 = { status: 404, type: 'application/problem+json; charset=utf-8' };

  /** What the pdf function does for joining text: import fontkit, lay Arabic out in joined forms. */
  const SHAPE_ARABIC = `
const { readFileSync } = await import('node:fs');
const fontkit = await import('fontkit');
const font = fontkit.create(readFileSync('fonts/DejaVuSans.ttf'));
const run = font.layout('\u0645\u0631\u062D\u0628\u0627');
const isolated = [...'\u0645\u0631\u062D\u0628\u0627'].map((c) => font.glyphForCodePoint(c.codePointAt(0)).id);
process.stdout.write(JSON.stringify({ glyphs: run.glyphs.length, joined: run.glyphs.filter((g, i) => g.id !== isolated[i]).length }));
`;
  const shapesArabic = (node: string) =>
    expect(JSON.parse(runWithBundle(node, 'pdf', SHAPE_ARABIC))).toEqual({ glyphs: 5, joined: 5 });

  test("pdf: its asset's fontkit loads as import('fontkit') does from the bundle, and joins Arabic", () =>
    shapesArabic(process.execPath));

  test.each(functionNames)(
    "%s: the bundle loads as ESM in the machine's Node, and its handler answers",
    (name) => {
      expect(invokeBundle(process.execPath, name)).toEqual({
        version: process.version,
        ...problem404,
      });
    },
  );

  describe('under Node.js 24, the Lambda runtime CDK deploys', () => {
    let node24: string;
    beforeAll(async () => {
      // The npm registry's `node` package: the same major as Runtime.NODEJS_24_X. Asynchronously:
      // the first download takes a while, and a blocked worker cannot report to Vitest.
      const { stdout } = await promisify(execFile)(
        'npx',
        ['-y', '-p', 'node@24', '--', 'node', '-p', 'process.execPath'],
        { encoding: 'utf8', timeout: 170_000 },
      );
      node24 = stdout.trim();
    }, 180_000);

    test.each(functionNames)('%s: the bundle loads and its handler answers', (name) => {
      const answer = invokeBundle(node24, name);
      expect(answer.version).toMatch(/^v24\./);
      expect(answer).toMatchObject(problem404);
    });

    test("pdf: its asset's fontkit loads and joins Arabic", () => shapesArabic(node24));
  });
});

describe('the portal asset', () => {
  /** The asset directories the synthesis staged for the portal: Vite's build has index.html. */
  const portalAssets = () =>
    readdirSync(outdir)
      .filter((entry) => entry.startsWith('asset.'))
      .map((entry) => join(outdir, entry))
      .filter((dir) => existsSync(join(dir, 'index.html')));

  test('is the production build (Vite, built by the synthesis itself) without the local sign-in', () => {
    const [portal, ...others] = portalAssets();
    expect(portal).toBeDefined();
    expect(others).toEqual([]);
    const scripts = readdirSync(join(portal!, 'assets')).filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    expect(readFileSync(join(portal!, 'index.html'), 'utf8')).toMatch(
      /<script type="module" crossorigin src="\/assets\/[^"]+\.js">/,
    );
    for (const file of scripts) {
      const code = readFileSync(join(portal!, 'assets', file), 'utf8');
      for (const local of ['local-oidc', 'signing-tracker.local', 'signing-tracker-local'])
        expect(code, `${file} mentions ${local}`).not.toContain(local);
    }
  });

  test.each(functionNames)('%s: its bundle carries nothing of the local sign-in', (name) => {
    const code = readFileSync(join(assetDirOf(name), 'index.mjs'), 'utf8');
    expect(code).not.toContain('local-oidc');
    expect(code).not.toContain('Local sign-in');
  });
});
