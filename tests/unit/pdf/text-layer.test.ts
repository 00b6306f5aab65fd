import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { conference } from './fixtures.js';
import { ALL_NAMES, agreementWithNames, MULTILINGUAL_NAMES } from './multilingual.js';

/** The renderer as a new process would load it: no fonts read, nothing cached. */
async function freshRenderer() {
  vi.resetModules();
  return (await import('../../../shared/pdf/index.js')).renderAgreementSummary;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** Asynchronous, so that the test worker stays responsive while the child runs. */
const run = promisify(execFile);

async function renderInProcess(
  order: readonly string[],
): Promise<Map<string, { etag: string; sha256: string }>> {
  const { stdout: output } = await run(process.execPath, [
    '--import',
    'tsx',
    join(import.meta.dirname, 'render-in-order.ts'),
    ...order,
  ]);
  return new Map(
    output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { name: string; etag: string; sha256: string })
      .map(({ name, etag, sha256 }) => [name, { etag, sha256 }]),
  );
}

describe('the same state gives the same bytes whatever the process rendered before', () => {
  it('in two fresh processes rendering in opposite orders', async () => {
    const order = Object.keys(MULTILINGUAL_NAMES);
    const forwards = await renderInProcess(order);
    const backwards = await renderInProcess([...order].reverse());
    expect(forwards.size).toBe(order.length);
    for (const name of order) expect(backwards.get(name)).toEqual(forwards.get(name));
  }, 60_000);

  it('over random render orders of random multilingual documents', async () => {
    const documentArb = fc
      .array(fc.constantFrom(...ALL_NAMES), { minLength: 1, maxLength: 4 })
      .map((names) => ({ agreement: agreementWithNames(names), conference }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(documentArb, { minLength: 2, maxLength: 4 }).chain((documents) =>
          fc.tuple(
            fc.constant(documents),
            fc.shuffledSubarray(
              documents.map((_, i) => i),
              {
                minLength: documents.length,
              },
            ),
          ),
        ),
        async ([documents, order]) => {
          const alone = [];
          for (const document of documents) alone.push(await (await freshRenderer())(document));
          const render = await freshRenderer();
          for (const index of order) {
            const bytes = await render(documents[index] ?? documents[0]!);
            expect(sameBytes(bytes, alone[index] ?? new Uint8Array())).toBe(true);
          }
        },
      ),
      { numRuns: 6 },
    );
  }, 120_000);
});

/**
 * Text of each page as pdf.js extracts it. Items that touch on one line are
 * joined without a space (pdf.js starts a new item at each font change, and
 * ideographs come from several font files); others with one.
 */
async function pdfjsText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false })
    .promise;
  try {
    let text = '';
    for (let number = 1; number <= doc.numPages; number++) {
      const content = await (await doc.getPage(number)).getTextContent();
      let end: { x: number; y: number } | undefined;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [, , , , x = 0, y = 0] = item.transform as number[];
        const touches = end && Math.abs(end.y - y) < 0.5 && Math.abs(end.x - x) < 0.5;
        text += (touches ? '' : ' ') + item.str;
        end = { x: x + item.width, y };
      }
    }
    return text;
  } finally {
    await doc.destroy();
  }
}

describe('every word of names in every script, extracted in logical order', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await (await freshRenderer())({ agreement: agreementWithNames(ALL_NAMES), conference });
  });

  const words = Object.entries(MULTILINGUAL_NAMES).flatMap(([script, names]) =>
    names.flatMap((name) => name.split(' ').map((word) => [script, word] as const)),
  );

  it.each(['pdftotext', 'pdf.js'])('by %s, with no replacement character', async (tool) => {
    let text: string;
    if (tool === 'pdftotext') {
      const file = join(mkdtempSync(join(tmpdir(), 'pdf-text-')), 'summary.pdf');
      writeFileSync(file, bytes);
      text = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout;
    } else {
      text = await pdfjsText(bytes);
    }
    expect(text).not.toContain('\uFFFD');
    const missing = words.filter(([, word]) => !text.includes(word));
    expect(missing).toEqual([]);
  });
});
