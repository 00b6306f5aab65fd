import { createHash, randomBytes } from 'node:crypto';
import {
  algorithm,
  bitString,
  booleanTrue,
  childrenOf,
  explicit,
  objectIdentifier,
  octetString,
  readElement,
  sequence,
  setOf,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der.js';

/**
 * A self-signed X.509 v3 certificate (RFC 5280) for the seal's P-256 key,
 * written with der.ts (why not pkijs: see there). The key may live
 * anywhere: the certificate is signed by a callback that returns a DER ECDSA
 * signature (node:crypto for the local key, KMS `Sign` for the AWS key, see
 * scripts/seal-certificate.ts).
 */

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  subjectKeyIdentifier: '2.5.29.14',
} as const;

export interface CertificateRequest {
  /** DER SubjectPublicKeyInfo of the P-256 key. */
  readonly publicKeySpki: Uint8Array;
  readonly commonName: string;
  readonly organization: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** DER ECDSA signature (SEQUENCE { r, s }) over SHA-256 of `data`. */
  readonly sign: (data: Uint8Array) => Promise<Uint8Array>;
}

const extension = (oid: string, critical: boolean, value: Uint8Array) =>
  sequence(objectIdentifier(oid), ...(critical ? [booleanTrue()] : []), octetString(value));

export async function createSelfSignedCertificate(
  request: CertificateRequest,
): Promise<Uint8Array> {
  // A positive 16-byte serial (RFC 5280 §4.1.2.2 allows up to 20 octets).
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const name = sequence(
    setOf(sequence(objectIdentifier(OID.commonName), utf8String(request.commonName))),
    setOf(sequence(objectIdentifier(OID.organization), utf8String(request.organization))),
  );
  // The key identifier is the SHA-1 of the subjectPublicKey's bits (RFC 5280 §4.2.1.2 (1)).
  const [, subjectPublicKey] = childrenOf(readElement(request.publicKeySpki).contents);
  const keyId = createHash('sha1').update(subjectPublicKey!.contents.subarray(1)).digest();
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serial),
    algorithm(OID.ecdsaWithSha256),
    name,
    sequence(time(request.notBefore), time(request.notAfter)),
    name,
    request.publicKeySpki,
    explicit(
      3,
      sequence(
        // Not a CA (cA FALSE is the default, so the sequence is empty).
        extension(OID.basicConstraints, true, sequence()),
        // digitalSignature + nonRepudiation (contentCommitment): a document seal.
        extension(OID.keyUsage, true, bitString(new Uint8Array([0xc0]), 6)),
        extension(OID.subjectKeyIdentifier, false, octetString(keyId)),
      ),
    ),
  );
  return sequence(tbs, algorithm(OID.ecdsaWithSha256), bitString(await request.sign(tbs)));
}

export function toPem(der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export function fromPem(pem: string): Uint8Array {
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1];
  if (!body) throw new Error('No PEM certificate found');
  return new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
}
