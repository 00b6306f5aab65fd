/**
 * Just enough DER (ITU-T X.690) to write the seal's two structures, its
 * self-signed certificate and its CMS SignedData, and to find the issuer and
 * serial number in a certificate. pkijs, which the verifying side still
 * uses (seal-check.ts), did the same for the signing side, but it and asn1js
 * are 390 KB of the pdf function's bundle: parsing and evaluating them was
 * ~30 ms of every cold start and building a seal with them ~25 ms more
 * (docs/benchmarks.md).
 */

export type Der = Uint8Array;

const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  objectIdentifier: 0x06,
  utf8String: 0x0c,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

function lengthOctets(length: number): number[] {
  if (length < 0x80) return [length];
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return [0x80 | octets.length, ...octets];
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** One TLV: `tag`, then the definite length of the concatenated `contents`. */
export function tlv(tag: number, ...contents: readonly Uint8Array[]): Der {
  const value = concat(contents);
  return concat([new Uint8Array([tag, ...lengthOctets(value.length)]), value]);
}

export const sequence = (...elements: readonly Der[]): Der => tlv(TAG.sequence, ...elements);

/** SET OF: DER orders the elements by their encodings (X.690 §11.6). */
export const setOf = (...elements: readonly Der[]): Der =>
  tlv(TAG.set, ...[...elements].sort(compareBytes));

/** `[n]` EXPLICIT, constructed, context-specific. */
export const explicit = (n: number, element: Der): Der => tlv(0xa0 | n, element);

export const octetString = (bytes: Uint8Array): Der => tlv(TAG.octetString, bytes);

export const utf8String = (text: string): Der =>
  tlv(TAG.utf8String, new TextEncoder().encode(text));

export const booleanTrue = (): Der => tlv(TAG.boolean, new Uint8Array([0xff]));

export const bitString = (bytes: Uint8Array, unusedBits = 0): Der =>
  tlv(TAG.bitString, new Uint8Array([unusedBits]), bytes);

/** A non-negative INTEGER from its big-endian magnitude, minimally encoded. */
export function unsignedInteger(magnitude: Uint8Array): Der {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  const needsSignOctet = trimmed.length === 0 || trimmed[0]! >= 0x80;
  return tlv(TAG.integer, needsSignOctet ? new Uint8Array([0]) : new Uint8Array(), trimmed);
}

export const smallInteger = (value: number): Der => unsignedInteger(new Uint8Array([value]));

export function objectIdentifier(dotted: string): Der {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const octets: number[] = [];
  for (const arc of [first! * 40 + second!, ...rest]) {
    const base128 = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) {
      base128.unshift(0x80 | (value & 0x7f));
    }
    octets.push(...base128);
  }
  return tlv(TAG.objectIdentifier, new Uint8Array(octets));
}

/** X.509 Time: UTCTime for 1950–2049, GeneralizedTime outside them (RFC 5280 §4.1.2.5). */
export function time(at: Date): Der {
  const digits = at.toISOString().replace(/[-:T]|\.\d{3}/g, '');
  const year = at.getUTCFullYear();
  const utc = year >= 1950 && year < 2050;
  return tlv(
    utc ? TAG.utcTime : TAG.generalizedTime,
    new TextEncoder().encode(utc ? digits.slice(2) : digits),
  );
}

/** AlgorithmIdentifier without parameters (as ECDSA and SHA-256 are written in CMS). */
export const algorithm = (oid: string): Der => sequence(objectIdentifier(oid));

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

/** One element read back: its whole encoding and its contents. */
export interface Element {
  readonly tag: number;
  readonly encoding: Uint8Array;
  readonly contents: Uint8Array;
}

function elementAt(bytes: Uint8Array, offset: number): Element {
  const tag = bytes[offset]!;
  const first = bytes[offset + 1];
  if (first === undefined) throw new RangeError('DER: truncated element');
  let length = first;
  let header = 2;
  if (first >= 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new RangeError('DER: unsupported length');
    if (offset + 2 + count > bytes.length) throw new RangeError('DER: truncated length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[offset + 2 + i]!;
    header += count;
  }
  const end = offset + header + length;
  if (end > bytes.length) throw new RangeError('DER: element runs past its container');
  return {
    tag,
    encoding: bytes.subarray(offset, end),
    contents: bytes.subarray(offset + header, end),
  };
}

/** The elements inside a constructed element's contents, in order. */
export function childrenOf(contents: Uint8Array): Element[] {
  const children: Element[] = [];
  for (let offset = 0; offset < contents.length; ) {
    const child = elementAt(contents, offset);
    children.push(child);
    offset += child.encoding.length;
  }
  return children;
}

/** The one element that `bytes` encode. */
export function readElement(bytes: Uint8Array): Element {
  const element = elementAt(bytes, 0);
  if (element.encoding.length !== bytes.length) throw new RangeError('DER: trailing bytes');
  return element;
}
