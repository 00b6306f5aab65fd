import { ZVerificationPath } from '../../schemas/requests.js';
import { defineRoutes } from '../route.js';

/**
 * Public verification of a code, served by the verify function: it reads
 * the record alone (no seal certificate, no PDF parser), so that the
 * answer to a scanned QR code starts fast. Uploaded files and the seal's
 * certificate are the seal-check function's (routes/seal-check.ts).
 */
export const verifyRoutes = defineRoutes('verify', {
  getVerification: {
    method: 'GET',
    path: '/v1/verifications/{code}',
    roles: 'public',
    tag: 'Verification',
    summary: 'Whether the service issued the summary bearing a verification code',
    description:
      'Anyone holding a summary (or its QR code) may ask whether the service issued it. The code names the record state the summary was drawn from; the answer says whether the record changed since, and names no title, person or party. Any code the service did not issue, well-formed or not, is a 404.',
    request: { path: ZVerificationPath },
    responses: {
      200: {
        description: 'The service issued a summary with this code.',
        content: { 'application/json': 'Verification' },
      },
    },
  },
});
