import * as asn1js from 'asn1js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  childrenOf,
  objectIdentifier,
  octetString,
  readElement,
  sequence,
  setOf,
  time,
  unsignedInteger,
} from '../../../shared/seal/der.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('DER written by der.ts', () => {
  test('lengths: short form below 128, long form with the fewest octets above', () => {
    expect(hex(octetString(new Uint8Array(127))).slice(0, 4)).toBe('047f');
    expect(hex(octetString(new Uint8Array(128))).slice(0, 6)).toBe('048180');
    expect(hex(octetString(new Uint8Array(300))).slice(0, 8)).toBe('0482012c');
  });

  test('INTEGER: minimal, with a zero octet only where the top bit would make it negative', () => {
    expect(hex(unsignedInteger(new Uint8Array([0, 0, 0x12])))).toBe('020112');
    expect(hex(unsignedInteger(new Uint8Array([0x80])))).toBe('02020080');
    expect(hex(unsignedInteger(new Uint8Array([0])))).toBe('020100');
  });

  test('OBJECT IDENTIFIER: as asn1js writes it', () => {
    for (const oid of ['1.2.840.113549.1.9.16.2.47', '2.16.840.1.101.3.4.2.1', '2.5.29.15']) {
      expect(hex(objectIdentifier(oid))).toBe(
        Buffer.from(new asn1js.ObjectIdentifier({ value: oid }).toBER(false)).toString('hex'),
      );
    }
  });

  test('SET OF: elements in the order of their encodings, whatever order they are given in', () => {
    const a = octetString(new Uint8Array([1]));
    const b = octetString(new Uint8Array([1, 2]));
    expect(hex(setOf(b, a))).toBe(hex(setOf(a, b)));
    expect(
      childrenOf(readElement(setOf(b, a)).contents).map((child) => hex(child.encoding)),
    ).toEqual([hex(a), hex(b)]);
  });

  test('Time: UTCTime for 1950–2049, GeneralizedTime outside them (RFC 5280)', () => {
    expect(time(new Date('1949-12-31T23:59:59Z'))[0]).toBe(0x18);
    expect(time(new Date('1950-01-01T00:00:00Z'))[0]).toBe(0x17);
    expect(Buffer.from(time(new Date('2049-12-31T23:59:59Z'))).toString('latin1')).toContain(
      '491231235959Z',
    );
    expect(time(new Date('2049-12-31T23:59:59Z'))[0]).toBe(0x17);
    expect(Buffer.from(time(new Date('2050-01-01T00:00:00Z'))).toString('latin1')).toContain(
      '20500101000000Z',
    );
    expect(time(new Date('2050-01-01T00:00:00Z'))[0]).toBe(0x18);
  });

  test('property: what is written reads back, and asn1js reads it as the same structure', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 400 }), { maxLength: 6 }), (parts) => {
        const written = sequence(...parts.map((part) => octetString(part)));
        const children = childrenOf(readElement(written).contents);
        expect(children.map((child) => hex(child.contents))).toEqual(parts.map(hex));
        const parsed = asn1js.fromBER(new Uint8Array(written).buffer);
        expect(parsed.offset).toBe(written.length);
        expect(hex(new Uint8Array(parsed.result.toBER(false)))).toBe(hex(written));
      }),
    );
  });

  test('reading refuses an element that runs past its bytes, and trailing bytes', () => {
    expect(() => readElement(new Uint8Array([0x04, 0x05, 1, 2]))).toThrow(RangeError);
    expect(() => readElement(new Uint8Array([0x04, 0x01, 1, 2]))).toThrow(RangeError);
    // A long-form length cut short inside a container (it used to read as NaN and loop).
    const outer = readElement(new Uint8Array([0x30, 0x03, 0x02, 0x82, 0x01]));
    expect(() => childrenOf(outer.contents)).toThrow(/truncated length/);
  });

  test('property: any bytes read back either as elements or as a RangeError, never a hang', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        try {
          childrenOf(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
        }
      }),
    );
  });
});
