import { defineRoutes } from '../route.js';

/**
 * The seal's public side, served by the seal-check function: the seal's
 * certificate, and the check of the seal on an uploaded summary. It reads
 * the record and the certificate and cannot sign; the PDFs it parses never
 * share a process with the key's use, nor with the lookup of a code.
 */
export const sealCheckRoutes = defineRoutes('sealCheck', {
  verifyUpload: {
    method: 'POST',
    path: '/v1/verifications',
    roles: 'public',
    tag: 'Verification',
    summary: 'Verify an uploaded PDF summary: its code and its seal',
    description:
      'Upload a PDF summary (at most 10 MB): the verification code sealed into it is looked up as by `GET /v1/verifications/{code}`, and `sealValid` says whether the service’s seal covers the whole file and verifies with its certificate. A file without the service’s seal is a 404. (In AWS, Lambda’s 6 MB request limit caps uploads at about 4.4 MB; summaries are far smaller.)',
    request: {
      rawBody: { mediaType: 'application/pdf', description: 'The PDF as downloaded.' },
    },
    problems: [404],
    responses: {
      200: {
        description: 'What the file’s code says, and whether its seal holds.',
        content: { 'application/json': 'UploadVerification' },
      },
    },
  },
  getSealCertificate: {
    method: 'GET',
    path: '/v1/seal/certificate.pem',
    roles: 'public',
    tag: 'Verification',
    summary: "The certificate of the service's seal (PEM)",
    description:
      'The X.509 certificate of the service’s seal key: add it to the trusted certificates of `pdfsig`, Acrobat or any PAdES validator to check a summary’s seal.',
    storage: false,
    responses: {
      200: {
        description: 'The certificate, PEM.',
        content: { 'application/x-pem-file': { raw: { type: 'string' } } },
        headers: ['Cache-Control', 'Content-Disposition'],
      },
    },
  },
});
