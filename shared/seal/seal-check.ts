import * as pkijs from 'pkijs';

/** The bytes as an ArrayBuffer of their own, which pkijs takes. */
const arrayBufferOf = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/**
 * Reading a seal back out of a PDF someone hands us, without trusting the
 * file: signature dictionaries are found by their `/ByteRange` in the raw
 * bytes (so a copy with damaged content streams still names its record),
 * and a seal is valid only if its CMS signature verifies with *our*
 * certificate over every byte of the file but the signature itself.
 */

export interface FoundSeal {
  /** `[start1, length1, start2, length2]`: the signed bytes, around `/Contents`. */
  readonly byteRange: readonly [number, number, number, number];
  /** The DER CMS SignedData of `/Contents`, padding removed. */
  readonly cms: Uint8Array;
  readonly reason?: string;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
const LITERAL_REASON = /\/Reason\s*\(((?:\\[\s\S]|[^\\)])*)\)/;
const HEX_REASON = /\/Reason\s*<([0-9A-Fa-f\s]*)>/;

/** PDF literal string escapes (ISO 32000-1 §7.3.4.2), enough for a reason we wrote. */
const unescapeLiteral = (value: string) =>
  value.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, sequence: string) => {
    const named: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
    if (named[sequence]) return named[sequence];
    if (/^[0-7]+$/.test(sequence)) return String.fromCharCode(Number.parseInt(sequence, 8));
    return sequence;
  });

function decodeHexString(hex: string): string {
  const bytes = Buffer.from(hex.replace(/\s+/g, ''), 'hex');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

/** Length of the DER element at the start of `bytes` (so the zero padding after it can go). */
function derLength(bytes: Uint8Array): number | undefined {
  const first = bytes[1];
  if (bytes[0] !== 0x30 || first === undefined) return undefined;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || bytes.length < 2 + count) return undefined;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i]!;
  return 2 + count + length;
}

/** Every well-formed signature dictionary in `pdf`, in file order. */
export function findSeals(pdf: Uint8Array): FoundSeal[] {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const seals: FoundSeal[] = [];
  for (const match of text.matchAll(BYTE_RANGE)) {
    const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
    const [start1, length1, start2, length2] = byteRange;
    const contentsEnd = start2;
    const contentsStart = start1 + length1;
    if (contentsStart >= contentsEnd || start2 + length2 > pdf.length) continue;
    const contents = text.slice(contentsStart, contentsEnd);
    if (!/^<[0-9A-Fa-f]*>$/.test(contents)) continue;
    const padded = Buffer.from(contents.slice(1, -1), 'hex');
    const length = derLength(padded);
    if (length === undefined || length > padded.length) continue;
    // The dictionary around the match: from its `obj` to its `endobj`.
    const objectStart = Math.max(text.lastIndexOf(' obj', match.index), 0);
    const objectEnd = text.indexOf('endobj', contentsEnd);
    const dictionary =
      text.slice(objectStart, contentsStart) +
      text.slice(contentsEnd, objectEnd === -1 ? undefined : objectEnd);
    const literal = LITERAL_REASON.exec(dictionary)?.[1];
    const hex = literal === undefined ? HEX_REASON.exec(dictionary)?.[1] : undefined;
    const reason =
      literal !== undefined
        ? unescapeLiteral(literal)
        : hex !== undefined
          ? decodeHexString(hex)
          : undefined;
    seals.push({
      byteRange,
      cms: new Uint8Array(padded.subarray(0, length)),
      ...(reason !== undefined && { reason }),
    });
  }
  return seals;
}

/** Whether the seal's signed ranges are the whole file but its `/Contents`. */
export function coversWholeFile(seal: FoundSeal, fileLength: number): boolean {
  const [start1, , start2, length2] = seal.byteRange;
  return start1 === 0 && start2 + length2 === fileLength;
}

/**
 * Whether `seal` is intact: it covers the whole file, and its CMS signature
 * verifies over the signed bytes with `certificate` (DER) as the signer's,
 * whatever certificates the file itself carries.
 */
export async function isSealIntact(
  pdf: Uint8Array,
  seal: FoundSeal,
  certificate: Uint8Array,
): Promise<boolean> {
  if (!coversWholeFile(seal, pdf.length)) return false;
  const [start1, length1, start2, length2] = seal.byteRange;
  const signed = new Uint8Array(length1 + length2);
  signed.set(pdf.subarray(start1, start1 + length1), 0);
  signed.set(pdf.subarray(start2, start2 + length2), length1);
  try {
    const content = pkijs.ContentInfo.fromBER(arrayBufferOf(seal.cms));
    if (content.contentType !== pkijs.ContentInfo.SIGNED_DATA) return false;
    const signedData = new pkijs.SignedData({ schema: content.content });
    // Only our certificate may be the signer's: a file that brings its own is not ours.
    signedData.certificates = [pkijs.Certificate.fromBER(arrayBufferOf(certificate))];
    if (signedData.signerInfos.length !== 1) return false;
    return await signedData.verify({
      signer: 0,
      data: arrayBufferOf(signed),
      checkChain: false,
    });
  } catch {
    // Malformed CMS, no matching signer, digest mismatch: not an intact seal of ours.
    return false;
  }
}
