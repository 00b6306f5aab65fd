import { sealCheckRoutes } from '../../shared/contract/routes/seal-check.js';
import { NotFoundError } from '../../shared/domain/errors.js';
import { defineOperation, type Operation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { toPem } from '../../shared/seal/certificate.js';
import { findSeals, isSealIntact } from '../../shared/seal/seal-check.js';
import { type SealKey, verificationCodeOfReason } from '../../shared/seal/sealer.js';
import { type VerificationDeps, verifyCode } from '../../shared/use-cases/verifications.js';

export interface SealCheckDeps extends VerificationDeps {
  /** The seal's key: only its certificate is read here. */
  readonly sealKey: () => Promise<SealKey>;
}

/**
 * `POST /v1/verifications` (`application/pdf`, ≤ 10 MB): the code sealed
 * into the file's signature is looked up as above, and the seal itself is
 * checked with the service's certificate over the whole file. A file with
 * no seal of ours is a 404 like an unknown code; nothing about a malformed
 * file is a 500.
 */
export const verifyUploadOperation = (deps: SealCheckDeps): Operation =>
  defineOperation(sealCheckRoutes.verifyUpload, async ({ body: pdf }) => {
    const seal = findSeals(pdf)
      .reverse()
      .find((candidate) => candidate.reason && verificationCodeOfReason(candidate.reason));
    if (!seal)
      throw new NotFoundError('This PDF carries no seal of this service, so no verification code.');
    const code = verificationCodeOfReason(seal.reason!)!;
    const certificate = await (await deps.sealKey()).certificate();
    const [verification, sealValid] = await Promise.all([
      verifyCode({ code, deps }),
      isSealIntact(pdf, seal, certificate),
    ]);
    return ok({ ...verification, sealValid });
  });

/** `GET /v1/seal/certificate.pem`: what `pdfsig` or Acrobat need to trust the seal. */
export const getSealCertificateOperation = (deps: SealCheckDeps): Operation =>
  defineOperation(sealCheckRoutes.getSealCertificate, async () => ({
    status: 200,
    binary: {
      bytes: Buffer.from(toPem(await (await deps.sealKey()).certificate()), 'ascii'),
      contentType: 'application/x-pem-file',
    },
    headers: {
      'cache-control': 'public, max-age=3600',
      'content-disposition': 'inline; filename="signing-tracker-seal.pem"',
    },
  }));
