import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ReadPdf {
  /** Text of each page: pdf.js items joined by single spaces, whitespace collapsed. */
  readonly pages: string[];
  readonly info: Record<string, unknown>;
}

/**
 * Reads a PDF with pdf.js, a parser independent of the one that wrote it.
 * pdf.js may cut a line into several items or merge neighbours; joining
 * every item with a space and collapsing whitespace makes phrases that the
 * renderer wrapped or drew in pieces searchable as one string.
 */
export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  // pdf.js takes ownership of the buffer it is given.
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false })
    .promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent({ disableNormalization: true });
      const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
      pages.push(text.replace(/\s+/g, ' ').trim());
    }
    const { info } = await doc.getMetadata();
    return { pages, info: info as Record<string, unknown> };
  } finally {
    await doc.destroy();
  }
}
