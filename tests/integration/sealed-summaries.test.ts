import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findSeals } from '../../shared/seal/seal-check.js';
import { verificationCodeOfReason } from '../../shared/seal/sealer.js';
import { openAgreement, signatureBody } from '../helpers/fixtures.js';
import { pdfsig as popplerPdfsig } from '../helpers/poppler.js';
import { startTestApi, type TestApi } from '../helpers/test-api.js';

/**
 * Sealed summaries as their readers meet them: downloaded over HTTP, checked
 * with poppler's `pdfsig`, verified by code and by upload at the public
 * routes, with no token.
 */

let api: TestApi;
let work: string;
let secretariat: string;
let agreementId: string;
let pdf: Uint8Array;

const pdfsig = (bytes: Uint8Array) => popplerPdfsig(bytes, work);

const codeOf = (bytes: Uint8Array) => verificationCodeOfReason(findSeals(bytes).at(-1)!.reason!)!;

const download = async (id: string) => {
  const response = await api.request('GET', `/v1/agreements/${id}/summary.pdf`, {
    token: secretariat,
  });
  expect(response.status).toBe(200);
  return response.bytes;
};

const upload = (bytes: Uint8Array, contentType = 'application/pdf') =>
  api.request('POST', '/v1/verifications', {
    rawBody: bytes,
    headers: { 'content-type': contentType },
  });

/** One byte flipped in the middle of the signed content (not in the signature itself). */
function withChangedByte(bytes: Uint8Array): Uint8Array {
  const changed = bytes.slice();
  const [, firstLength] = findSeals(bytes).at(-1)!.byteRange;
  changed[Math.floor(firstLength / 2)]! ^= 0x01;
  return changed;
}

beforeAll(async () => {
  api = await startTestApi();
  work = mkdtempSync(join(tmpdir(), 'sealed-'));
  secretariat = await api.token('secretariat');
  ({ agreementId } = await openAgreement(api));
  const signed = await api.request(
    'POST',
    `/v1/agreements/${agreementId}/signatories/KAZ/signature`,
    { token: secretariat, body: signatureBody('KAZ') },
  );
  expect(signed.status).toBe(201);
  pdf = await download(agreementId);
});

afterAll(async () => {
  await api?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('a downloaded summary is sealed', () => {
  test('pdfsig: ETSI.CAdES.detached, valid, the total document signed', () => {
    const report = pdfsig(pdf);
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
  });

  test('pdfsig after one changed byte of the content: the digest no longer matches', () => {
    const report = pdfsig(withChangedByte(pdf));
    expect(report).toContain('Signature Validation: Digest Mismatch.');
    expect(report).not.toContain('Signature is Valid');
  });

  test('the seal is by the certificate the API publishes, which is the one made under DATA_DIR', async () => {
    const response = await api.request('GET', '/v1/seal/certificate.pem');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-pem-file');
    const certificate = new X509Certificate(response.body as string);
    expect(certificate.subject).toContain('CN=Signing tracker seal');
    expect(pdfsig(pdf)).toContain('Signer Certificate Common Name: Signing tracker seal');
    const again = await api.request('GET', '/v1/seal/certificate.pem');
    expect(again.body).toBe(response.body);
  });

  test('two downloads of one state: same ETag, 304 on If-None-Match, fresh seals', async () => {
    const first = await api.request('GET', `/v1/agreements/${agreementId}/summary.pdf`, {
      token: secretariat,
    });
    const second = await api.request('GET', `/v1/agreements/${agreementId}/summary.pdf`, {
      token: secretariat,
    });
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(codeOf(second.bytes)).toBe(codeOf(first.bytes));
    const notModified = await api.request('GET', `/v1/agreements/${agreementId}/summary.pdf`, {
      token: secretariat,
      headers: { 'if-none-match': first.headers.get('etag')! },
    });
    expect(notModified.status).toBe(304);
  });
});

describe('verification by code (public)', () => {
  test('the code of a fresh summary is genuine, names only ids, seq and hash; a new signature makes it changed', async () => {
    // Prepare
    const { agreementId: id } = await openAgreement(api);
    const before = await download(id);
    const code = codeOf(before);
    // Act
    const genuine = await api.request('GET', `/v1/verifications/${encodeURIComponent(code)}`);
    // Assess
    expect(genuine.status).toBe(200);
    expect(genuine.body).toEqual({
      genuine: true,
      issuedFor: 'agreement',
      agreementId: id,
      seq: 2,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      currentSeq: 2,
      changedSince: false,
    });
    // Act: the record moves on
    const signed = await api.request('POST', `/v1/agreements/${id}/signatories/AZE/signature`, {
      token: secretariat,
      body: signatureBody('AZE'),
    });
    expect(signed.status).toBe(201);
    const later = await api.request('GET', `/v1/verifications/${encodeURIComponent(code)}`);
    // Assess
    expect(later.body).toMatchObject({ genuine: true, seq: 2, currentSeq: 3, changedSince: true });
  });

  test('a code the service never issued, or no code at all: 404 problem', async () => {
    const code = codeOf(pdf);
    const forged = code.slice(0, -3) + (code.endsWith('000') ? '111' : '000');
    for (const attempt of [forged, 'NOT-A-CODE', '0'.repeat(42)]) {
      const response = await api.request('GET', `/v1/verifications/${attempt}`);
      expect(response.status, attempt).toBe(404);
      expect(response.body.type).toBe('https://signing-tracker.dev/problems/not-found');
    }
  });
});

describe('verification by upload (public, application/pdf)', () => {
  test('the sealed summary: genuine and sealValid', async () => {
    const response = await upload(pdf);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      genuine: true,
      issuedFor: 'agreement',
      agreementId,
      sealValid: true,
    });
  });

  test('the same PDF with one changed byte: still traced to its record, sealValid false', async () => {
    const response = await upload(withChangedByte(pdf));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ genuine: true, agreementId, sealValid: false });
  });

  test('a PDF that is not ours, or no PDF at all: 404-like problem, never a 500', async () => {
    const foreign = new TextEncoder().encode(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    const forged = new TextEncoder().encode(
      '%PDF-1.7\n1 0 obj << /Type /Sig /ByteRange [0 10 20 5] /Contents <3003020100> /Reason (Issued by the signing tracker; verification code AAAAA) >> endobj\n',
    );
    for (const body of [foreign, forged, new Uint8Array([0, 1, 2, 3]), new Uint8Array()]) {
      const response = await upload(body);
      expect(response.status).toBe(404);
      expect(response.body.type).toBe('https://signing-tracker.dev/problems/not-found');
    }
  });

  test('another content type: 415', async () => {
    const response = await upload(pdf, 'application/octet-stream');
    expect(response.status).toBe(415);
  });

  test('a 50 MB upload: 413, and the gateway still answers afterwards', async () => {
    const huge = new Uint8Array(50 * 1024 * 1024);
    huge.set(pdf);
    const response = await upload(huge);
    expect(response.status).toBe(413);
    expect(response.body.type).toBe('https://signing-tracker.dev/problems/payload-too-large');
    expect((await upload(pdf)).status).toBe(200);
  });

  test('just over 10 MB: 413; a 9 MB file passes the gateway (and is simply not ours)', async () => {
    const over = new Uint8Array(10 * 1024 * 1024 + 1);
    expect((await upload(over)).status).toBe(413);
    const under = new Uint8Array(9 * 1024 * 1024);
    under.set(new TextEncoder().encode('%PDF-1.7\n'));
    expect((await upload(under)).status).toBe(404);
  });
});
