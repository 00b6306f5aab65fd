import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ESM_REQUIRE_BANNER } from '../../cdk/constructs/api-function.js';
import { PDF_FONT_LICENSE, PDF_FONTS } from '../../cdk/stacks/api-stack.js';
import { DOCS_PACKAGE_FILES } from '../../shared/contract/docs-assets.js';
import { FUNCTION_NAMES } from '../../shared/contract/functions.js';
import type { FunctionName } from '../../shared/contract/route.js';
import { propertiesOf, type Synthesized, synthesize } from './synth.js';

/**
 * Synthesizes with real esbuild bundling (no Docker) into a temporary
 * cloud assembly, then checks what would be uploaded to Lambda.
 */

const functionNames = FUNCTION_NAMES;
let outdir: string;
let synth: Synthesized;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'signing-tracker-cdk-'));
  synth = synthesize({ bundle: true, nag: false, outdir });
}, 180_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

function assetDirOf(name: FunctionName): string {
  const logicalId = synth.api.getLogicalId(
    synth.api.functions[name].node.defaultChild as CfnElement,
  );
  const key = propertiesOf<{ Code: { S3Key: string } }>(
    synth.apiTemplate,
    'AWS::Lambda::Function',
    logicalId,
  ).Code.S3Key;
  return join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
}

describe('bundles', () => {
  test.each(functionNames)(
    '%s: one minified ESM file with the createRequire banner and a source map',
    (name) => {
      const dir = assetDirOf(name);
      const files = readdirSync(dir)
        .filter((file) => file !== 'fonts' && file !== 'docs')
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

  test('the pdf bundle carries the DejaVu fonts and their licence, and only the pdf bundle', () => {
    for (const name of functionNames) {
      const fonts = join(assetDirOf(name), 'fonts');
      if (name !== 'pdf') {
        expect(existsSync(fonts), name).toBe(false);
        continue;
      }
      expect(readdirSync(fonts).sort()).toEqual([...PDF_FONTS, PDF_FONT_LICENSE].sort());
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

  test.each(functionNames)(
    '%s: the bundle loads as ESM in plain Node and exports handler',
    (name) => {
      const url = new URL(`file://${join(assetDirOf(name), 'index.mjs')}`).href;
      const script = `const m = await import(${JSON.stringify(url)}); process.stdout.write(typeof m.handler);`;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        env: {
          PATH: process.env.PATH,
          TABLE_NAME: 'bundle-test',
          AWS_REGION: 'us-east-1',
          POWERTOOLS_SERVICE_NAME: 'signing-tracker',
          POWERTOOLS_TRACE_ENABLED: 'false',
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
      expect(result.stdout).toBe('function');
    },
  );
});
