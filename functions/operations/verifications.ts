import { verifyRoutes } from '../../shared/contract/routes/verify.js';
import { defineOperation, type Operation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { type VerificationDeps, verifyCode } from '../../shared/use-cases/verifications.js';

/** `GET /v1/verifications/{code}`: public, no token; 404 for any code not issued. */
export const getVerificationOperation = (deps: VerificationDeps): Operation =>
  defineOperation(verifyRoutes.getVerification, async ({ path }) =>
    ok(await verifyCode({ code: path.code, deps })),
  );
