import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BUNDLE_ALIASES,
  BUNDLE_MAIN_FIELDS,
  ESM_REQUIRE_BANNER,
  PDF_LAZY_MODULES,
} from '../../../cdk/constructs/bundle-options.js';
import { MULTILINGUAL_NAMES } from './multilingual.js';

/**
 * The renderer bundled as the stack bundles the pdf function: the stand-ins
 * of BUNDLE_ALIASES for what it never uses (pdf-lib's standard fonts and PNG
 * decoder, fontkit's Brotli decoder) and fontkit left to node_modules
 * (PDF_LAZY_MODULES). It must draw every script byte for byte as the source
 * does, so no stand-in is ever reached.
 */

const REPO = join(import.meta.dirname, '..', '..', '..');
const run = promisify(execFile);
// Under node_modules, so that fontkit and the fonts resolve as from the asset.
const cache = join(REPO, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'bundled-renderer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function renderLines(command: string[], order: readonly string[]): Promise<string[]> {
  const { stdout } = await run(process.execPath, [...command, ...order], { cwd: REPO });
  return stdout.trim().split('\n');
}

describe('the renderer as the stack bundles it', () => {
  it('draws every script byte for byte as the source does, never reaching a stand-in', async () => {
    const outfile = join(dir, 'render.mjs');
    await build({
      entryPoints: [join(import.meta.dirname, 'render-in-order.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      mainFields: [...BUNDLE_MAIN_FIELDS],
      banner: { js: ESM_REQUIRE_BANNER },
      alias: Object.fromEntries(
        Object.entries(BUNDLE_ALIASES).map(([module, stand]) => [module, join(REPO, stand)]),
      ),
      external: [...PDF_LAZY_MODULES],
      logLevel: 'silent',
      metafile: true,
    }).then(({ metafile }) => {
      const inputs = Object.keys(metafile.inputs);
      for (const replaced of ['@pdf-lib/standard-fonts', '@pdf-lib/upng', 'brotli', 'fontkit'])
        expect(inputs.filter((input) => input.includes(`node_modules/${replaced}/`))).toEqual([]);
    });
    const order = Object.keys(MULTILINGUAL_NAMES);
    const bundled = await renderLines([outfile], order);
    const source = await renderLines(
      ['--import', 'tsx', join(import.meta.dirname, 'render-in-order.ts')],
      order,
    );
    expect(bundled).toHaveLength(order.length);
    expect(bundled).toEqual(source);
  }, 60_000);
});
