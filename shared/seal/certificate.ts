import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * A self-signed X.509 certificate for the seal's P-256 key, built with
 * pkijs. The key may live anywhere: the certificate is signed by a callback
 * that returns a DER ECDSA signature (node:crypto for the local key, KMS
 * `Sign` for the AWS key, see scripts/seal-certificate.ts).
 */

/** ecdsa-with-SHA256 (RFC 5758). */
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const OID = {
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

/** The bytes as an ArrayBuffer of their own, which asn1js and pkijs take. */
export const arrayBufferOf = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

export async function createSelfSignedCertificate(
  request: CertificateRequest,
): Promise<Uint8Array> {
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  // A positive 16-byte serial (RFC 5280 §4.1.2.2 allows up to 20 octets).
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  certificate.serialNumber = new asn1js.Integer({ valueHex: arrayBufferOf(serial) });
  const name = [
    new pkijs.AttributeTypeAndValue({
      type: OID.commonName,
      value: new asn1js.Utf8String({ value: request.commonName }),
    }),
    new pkijs.AttributeTypeAndValue({
      type: OID.organization,
      value: new asn1js.Utf8String({ value: request.organization }),
    }),
  ];
  certificate.subject.typesAndValues = name;
  certificate.issuer.typesAndValues = name;
  certificate.notBefore.value = request.notBefore;
  certificate.notAfter.value = request.notAfter;
  certificate.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(
    arrayBufferOf(request.publicKeySpki),
  );

  // digitalSignature + nonRepudiation (contentCommitment): a document seal, not a CA.
  const keyUsage = new asn1js.BitString({ valueHex: new Uint8Array([0xc0]).buffer, unusedBits: 6 });
  const keyId = await crypto.subtle.digest(
    'SHA-1',
    certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView,
  );
  certificate.extensions = [
    new pkijs.Extension({
      extnID: OID.basicConstraints,
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false),
    }),
    new pkijs.Extension({
      extnID: OID.keyUsage,
      critical: true,
      extnValue: keyUsage.toBER(false),
    }),
    new pkijs.Extension({
      extnID: OID.subjectKeyIdentifier,
      extnValue: new asn1js.OctetString({ valueHex: keyId }).toBER(false),
    }),
  ];

  const algorithm = new pkijs.AlgorithmIdentifier({ algorithmId: ECDSA_WITH_SHA256 });
  certificate.signature = algorithm;
  certificate.signatureAlgorithm = algorithm;
  const tbs = new Uint8Array(certificate.encodeTBS().toBER(false));
  certificate.tbsView = tbs;
  certificate.signatureValue = new asn1js.BitString({
    valueHex: arrayBufferOf(await request.sign(tbs)),
  });
  return new Uint8Array(certificate.toSchema(true).toBER(false));
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
