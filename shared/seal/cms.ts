import { createHash } from 'node:crypto';
import {
  algorithm,
  childrenOf,
  explicit,
  objectIdentifier,
  octetString,
  readElement,
  sequence,
  setOf,
  smallInteger,
  tlv,
} from './der.js';

/**
 * The CMS SignedData of a PAdES baseline B-B seal (ETSI EN 319 142-1,
 * `ETSI.CAdES.detached`, RFC 5652): detached content, SHA-256, ECDSA, the
 * signer's certificate, and exactly the signed attributes B-B asks for
 * (content type, message digest, signing-certificate-v2; no signing time,
 * which the signature dictionary's /M carries instead). Written with der.ts
 * (why not pkijs: see there).
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

const attribute = (oid: string, value: Uint8Array) => sequence(objectIdentifier(oid), setOf(value));

/** SigningCertificateV2 (RFC 5035): one ESSCertIDv2 naming `certificate` by its SHA-256, the default hash. */
const signingCertificateV2 = (certificate: Uint8Array) =>
  sequence(sequence(sequence(octetString(sha256(certificate)))));

/**
 * IssuerAndSerialNumber of a DER certificate: its issuer Name and serial
 * number as they are encoded in its TBSCertificate (RFC 5280 §4.1).
 */
function issuerAndSerialNumber(certificateDer: Uint8Array): Uint8Array {
  const [tbs] = childrenOf(readElement(certificateDer).contents);
  const fields = childrenOf(tbs!.contents);
  // version [0] is there for v2 and v3 certificates only.
  const [serialNumber, , issuer] = fields[0]!.tag === 0xa0 ? fields.slice(1) : fields;
  return sequence(issuer!.encoding, serialNumber!.encoding);
}

/**
 * DER ContentInfo of a SignedData over `content` (not included), signed by
 * `sign`: a DER ECDSA signature over the SHA-256 of the signed attributes.
 */
export async function detachedSignedData(
  content: Uint8Array,
  certificateDer: Uint8Array,
  sign: (data: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  // What is signed is the attributes' DER with a SET tag; the SignerInfo
  // stores the same contents under [0] IMPLICIT (RFC 5652 §5.4).
  const signedAttributes = setOf(
    attribute(OID.contentType, objectIdentifier(OID.data)),
    attribute(OID.messageDigest, octetString(sha256(content))),
    attribute(OID.signingCertificateV2, signingCertificateV2(certificateDer)),
  );
  const signerInfo = sequence(
    smallInteger(1),
    issuerAndSerialNumber(certificateDer),
    algorithm(OID.sha256),
    tlv(0xa0, readElement(signedAttributes).contents),
    algorithm(OID.ecdsaWithSha256),
    octetString(await sign(signedAttributes)),
  );
  const signedData = sequence(
    smallInteger(1),
    setOf(algorithm(OID.sha256)),
    sequence(objectIdentifier(OID.data)),
    tlv(0xa0, certificateDer),
    setOf(signerInfo),
  );
  return sequence(objectIdentifier(OID.signedData), explicit(0, signedData));
}
