import { canonicalSha256 } from './hash-chain.js';

/**
 * Verification codes: what a summary prints on every page (and in its QR
 * code) so that anyone can ask the service whether it issued it, without
 * storing anything per download. A code *is* the record state it was drawn
 * from, packed and written in Crockford base32:
 *
 *   agreement: 0x11 ‖ agreement ULID (16 bytes) ‖ seq (LEB128) ‖ head hash, first 8 bytes
 *   ceremony:  0x12 ‖ ceremony ULID (16 bytes)  ‖ recorded up to (ms, 6 bytes)
 *                   ‖ SHA-256(JCS [{agreementId, seq, headHash}…]), first 8 bytes
 *
 * The hash bytes make codes unguessable and let the service tell a code it
 * issued from a made-up one; nothing in a code or its answer names a title,
 * a person or a party. Pure: no storage, no clock.
 */

export interface AgreementHead {
  readonly agreementId: string;
  readonly seq: number;
  readonly headHash: string;
}

export type VerificationSubject =
  | ({ readonly issuedFor: 'agreement' } & AgreementHead)
  | {
      readonly issuedFor: 'ceremony';
      readonly ceremonyId: string;
      /** The newest event time of the agreements shown: each was shown as recorded up to then. */
      readonly recordedUpTo: string;
      /** The agreements shown, in the ceremony's order. */
      readonly agreements: readonly AgreementHead[];
    };

export type DecodedVerificationCode =
  | {
      readonly issuedFor: 'agreement';
      readonly agreementId: string;
      readonly seq: number;
      readonly hashPrefix: string;
    }
  | {
      readonly issuedFor: 'ceremony';
      readonly ceremonyId: string;
      readonly recordedUpTo: string;
      readonly hashPrefix: string;
    };

const TAG = { agreement: 0x11, ceremony: 0x12 } as const;
const PREFIX_BYTES = 8;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** Crockford base32 of `bytes`, most significant bit first, zero-padded at the end. */
function toBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Uint8Array | undefined {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return undefined;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  // Only the zero padding of the last character may be left over.
  if ((value & ((1 << bits) - 1)) !== 0) return undefined;
  return new Uint8Array(bytes);
}

/** A ULID's 128 bits: its 26 base32 characters carry 130, the first two always zero. */
function ulidBytes(id: string): Uint8Array {
  if (!ULID.test(id)) throw new TypeError(`Not a ULID: ${id}`);
  let value = 0n;
  for (const char of id) value = (value << 5n) | BigInt(ALPHABET.indexOf(char));
  const bytes = new Uint8Array(16);
  for (let i = 15; i >= 0; i--) {
    bytes[i] = Number(value & 255n);
    value >>= 8n;
  }
  return bytes;
}

function ulidOf(bytes: Uint8Array): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = ALPHABET[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

function leb128(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    const low = rest % 128;
    rest = Math.floor(rest / 128);
    out.push(rest > 0 ? low | 0x80 : low);
  } while (rest > 0);
  return out;
}

const hexBytes = (hex: string) =>
  Uint8Array.from(Buffer.from(hex.slice(0, PREFIX_BYTES * 2), 'hex'));
const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The hash that a ceremony code carries a prefix of. */
export function ceremonyDigest(agreements: readonly AgreementHead[]): string {
  return canonicalSha256(
    agreements.map(({ agreementId, seq, headHash }) => ({ agreementId, seq, headHash })),
  );
}

/** The code of a subject: uppercase Crockford base32, no separators (as in URLs). */
export function verificationCodeOf(subject: VerificationSubject): string {
  const bytes =
    subject.issuedFor === 'agreement'
      ? [
          TAG.agreement,
          ...ulidBytes(subject.agreementId),
          ...leb128(subject.seq),
          ...hexBytes(subject.headHash),
        ]
      : [
          TAG.ceremony,
          ...ulidBytes(subject.ceremonyId),
          ...Array.from(
            { length: 6 },
            (_, i) => Math.floor(Date.parse(subject.recordedUpTo) / 256 ** (5 - i)) % 256,
          ),
          ...hexBytes(ceremonyDigest(subject.agreements)),
        ];
  return toBase32(Uint8Array.from(bytes));
}

/** A code as people read it: groups of five, hyphenated. */
export function groupedCode(code: string): string {
  return code.match(/.{1,5}/g)!.join('-');
}

/**
 * Reads a code as typed or scanned: case, hyphens and spaces do not matter,
 * and Crockford's look-alikes are forgiven (O → 0, I and L → 1). Anything
 * that is not a well-formed code is undefined.
 */
export function decodeVerificationCode(input: string): DecodedVerificationCode | undefined {
  if (input.length > 120) return undefined;
  const normalized = input
    .toUpperCase()
    .replace(/[-\s]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const bytes = fromBase32(normalized);
  if (!bytes || bytes.length < 1 + 16 + 1 + PREFIX_BYTES) return undefined;
  const id = ulidOf(bytes.subarray(1, 17));
  let decoded: DecodedVerificationCode | undefined;
  if (bytes[0] === TAG.agreement) {
    let seq = 0;
    let offset = 17;
    for (let shift = 1; ; shift *= 128) {
      const byte = bytes[offset++];
      if (byte === undefined || shift > 2 ** 42) return undefined;
      seq += (byte & 0x7f) * shift;
      if ((byte & 0x80) === 0) break;
    }
    if (seq < 1 || bytes.length !== offset + PREFIX_BYTES) return undefined;
    decoded = {
      issuedFor: 'agreement',
      agreementId: id,
      seq,
      hashPrefix: hexOf(bytes.subarray(offset)),
    };
  } else if (bytes[0] === TAG.ceremony && bytes.length === 1 + 16 + 6 + PREFIX_BYTES) {
    let ms = 0;
    for (const byte of bytes.subarray(17, 23)) ms = ms * 256 + byte;
    decoded = {
      issuedFor: 'ceremony',
      ceremonyId: id,
      recordedUpTo: new Date(ms).toISOString(),
      hashPrefix: hexOf(bytes.subarray(23)),
    };
  }
  // Exactly one spelling per code: re-encoding must give the same characters.
  return decoded && toBase32(bytes) === normalized ? decoded : undefined;
}

/** Whether a full hash (agreement head, or ceremony digest) is the one a code carries the prefix of. */
export function carriesHash(code: DecodedVerificationCode, hash: string): boolean {
  return hash.slice(0, PREFIX_BYTES * 2) === code.hashPrefix;
}
