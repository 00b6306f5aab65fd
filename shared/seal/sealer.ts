import { PDF } from '@libpdf/core';

/**
 * The seal: a PAdES signature (`ETSI.CAdES.detached`, level B-B) over the
 * whole file, by the service's key, so that `pdfsig` or Acrobat report the
 * summary unmodified since it was issued. The renderer stays pure; sealing
 * is a port with one implementation and two keys (local file, AWS KMS).
 */

/** The service's P-256 key, wherever it lives. */
export interface SealKey {
  /** DER X.509 certificate of the key. */
  certificate(): Promise<Uint8Array>;
  /** DER ECDSA signature (SEQUENCE { r, s }) over the SHA-256 of `data`, as KMS `Sign` returns it. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface SealDetails {
  /** Written into the signature's `/Reason`, so that an uploaded copy can be traced to its record. */
  readonly verificationCode: string;
}

export interface Sealer {
  seal(pdf: Uint8Array, details: SealDetails): Promise<Uint8Array>;
  /** DER certificate whose key seals. */
  certificate(): Promise<Uint8Array>;
}

export const SEAL_REASON_PREFIX = 'Issued by the signing tracker; verification code ';

/** The code sealed into `/Reason`, if the reason is ours. */
export function verificationCodeOfReason(reason: string): string | undefined {
  return reason.startsWith(SEAL_REASON_PREFIX)
    ? reason.slice(SEAL_REASON_PREFIX.length).trim()
    : undefined;
}

/** Room for the CMS structure besides the certificate: signed attributes, signature, headers. */
const CMS_OVERHEAD_BYTES = 3072;

export function padesSealer(key: SealKey): Sealer {
  return {
    certificate: () => key.certificate(),
    async seal(pdf, { verificationCode }) {
      const certificate = await key.certificate();
      const document = await PDF.load(pdf);
      const { bytes } = await document.sign({
        signer: {
          certificate,
          keyType: 'EC',
          signatureAlgorithm: 'ECDSA',
          // `data` is the DER of the CMS signed attributes; ECDSA with SHA-256 over them.
          sign: (data) => key.sign(data),
        },
        subFilter: 'ETSI.CAdES.detached',
        level: 'B-B',
        digestAlgorithm: 'SHA-256',
        reason: SEAL_REASON_PREFIX + verificationCode,
        estimatedSize: CMS_OVERHEAD_BYTES + certificate.length,
      });
      return bytes;
    },
  };
}
