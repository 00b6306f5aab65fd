import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { arrayBufferOf } from './certificate.js';

/**
 * The CMS SignedData of a PAdES baseline B-B seal (ETSI EN 319 142-1,
 * `ETSI.CAdES.detached`), built with pkijs: detached content, SHA-256,
 * ECDSA, the signer's certificate, and exactly the signed attributes B-B
 * asks for (content type, message digest, signing-certificate-v2; no
 * signing time, which the signature dictionary's /M carries instead).
 */

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** SigningCertificateV2 (RFC 5035) naming `certificate` by its SHA-256, the default hash. */
const signingCertificateV2 = (certificate: Uint8Array) =>
  new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [new asn1js.OctetString({ valueHex: arrayBufferOf(sha256(certificate)) })],
          }),
        ],
      }),
    ],
  });

/**
 * DER ContentInfo of a SignedData over `content` (not included), signed by
 * `sign`: a DER ECDSA signature over the SHA-256 of the signed attributes.
 */
export async function detachedSignedData(
  content: Uint8Array,
  certificateDer: Uint8Array,
  sign: (data: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const certificate = pkijs.Certificate.fromBER(arrayBufferOf(certificateDer));
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({
        type: OID.contentType,
        values: [new asn1js.ObjectIdentifier({ value: OID.data })],
      }),
      new pkijs.Attribute({
        type: OID.messageDigest,
        values: [new asn1js.OctetString({ valueHex: arrayBufferOf(sha256(content)) })],
      }),
      new pkijs.Attribute({
        type: OID.signingCertificateV2,
        values: [signingCertificateV2(certificateDer)],
      }),
    ],
  });
  // What is signed is the attributes' DER with a SET tag, not the [0] they are stored under
  // (RFC 5652 §5.4).
  const signedBytes = new Uint8Array(signedAttrs.toSchema().toBER(false));
  signedBytes[0] = 0x31;
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: certificate.issuer,
      serialNumber: certificate.serialNumber,
    }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 }),
    signature: new asn1js.OctetString({ valueHex: arrayBufferOf(await sign(signedBytes)) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [certificate],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}
