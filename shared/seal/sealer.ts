import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import type { SignatureField } from '../pdf/index.js';
import { detachedSignedData } from './cms.js';

/**
 * The seal: a PAdES signature (`ETSI.CAdES.detached`, level B-B) over the
 * whole file, by the service's key, so that `pdfsig` or Acrobat report the
 * summary unmodified since it was issued. The renderer reserves the
 * signature field the sealer describes; sealing fills in its byte range and
 * CMS (@signpdf), without parsing the file again. One implementation, two
 * keys (local file, AWS KMS).
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
  /** The field a summary sealed with `details` must be rendered with. */
  signatureField(details: SealDetails): Promise<SignatureField>;
  /** Seals a summary rendered with a field of {@link signatureField}. */
  seal(pdf: Uint8Array): Promise<Uint8Array>;
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

/** @signpdf's signer: the CMS over the bytes around /Contents, by the seal's key. */
class SealSigner extends Signer {
  constructor(private readonly key: SealKey) {
    super();
  }

  override async sign(signedBytes: Buffer): Promise<Buffer> {
    const cms = await detachedSignedData(signedBytes, await this.key.certificate(), (data) =>
      this.key.sign(data),
    );
    return Buffer.from(cms.buffer, cms.byteOffset, cms.byteLength);
  }
}

export function padesSealer(key: SealKey): Sealer {
  const signer = new SealSigner(key);
  return {
    certificate: () => key.certificate(),
    async signatureField({ verificationCode }) {
      return {
        reason: SEAL_REASON_PREFIX + verificationCode,
        name: 'Signing Tracker',
        signedAt: new Date().toISOString(),
        contentsBytes: CMS_OVERHEAD_BYTES + (await key.certificate()).length,
      };
    },
    seal: async (pdf) => new Uint8Array(await new SignPdf().sign(Buffer.from(pdf), signer)),
  };
}
