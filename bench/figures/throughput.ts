import autocannon from 'autocannon';
import { type BenchApi, expectStatus } from '../lib/api.js';
import type { BenchParty } from '../lib/model.js';
import { type FigureResult, verdict } from '../lib/report.js';
import { createAgreement, signatureBody, signaturePath } from '../lib/seed.js';
import { fmt, round } from '../lib/stats.js';

/**
 * Figure 4: signatures logged through the local server by autocannon at a
 * fixed concurrency, each (agreement, party) exactly once, spread across
 * the agreements so that concurrent requests mostly hit different ones and
 * sometimes the same (then the store's optimistic retry does its work).
 * Every request should be 201; a 409 means a signature gave up after its
 * retries; anything else is a failure. Afterwards every agreement's hash
 * chain is verified through the API and its length checked against the 201s.
 */

export interface ThroughputOptions {
  readonly api: BenchApi;
  readonly conferenceId: string;
  readonly parties: readonly BenchParty[];
  readonly agreements: number;
  readonly partiesPerAgreement: number;
  readonly connections: number;
}

export async function throughputFigure(options: ThroughputOptions): Promise<FigureResult> {
  const { api } = options;
  const parties = options.parties.slice(0, options.partiesPerAgreement);
  const agreementIds: string[] = [];
  for (let i = 0; i < options.agreements; i++) {
    agreementIds.push(
      await createAgreement(
        api,
        options.conferenceId,
        parties.map((party) => party.code),
      ),
    );
  }
  const total = agreementIds.length * parties.length;
  let next = 0;
  const cpuBefore = (await api.usage()).cpuMs;
  const result = await autocannon({
    url: api.url,
    connections: options.connections,
    amount: total,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const i = next++ % total;
          const agreementId = agreementIds[i % agreementIds.length]!;
          const partyIndex = Math.floor(i / agreementIds.length);
          return {
            ...request,
            path: signaturePath(agreementId, parties[partyIndex]!.code),
            headers: {
              authorization: `Bearer ${api.tokens.secretariat}`,
              'content-type': 'application/json',
            },
            body: JSON.stringify(signatureBody(partyIndex)),
          };
        },
      },
    ],
  });
  const serverCpuMs = (await api.usage()).cpuMs - cpuBefore;

  const counts: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) counts[code] = count;
  const ok = Object.entries(counts)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0);
  const conflicts = counts['409'] ?? 0;
  const other =
    Object.entries(counts)
      .filter(([code]) => !code.startsWith('2') && code !== '409')
      .reduce((sum, [, count]) => sum + count, 0) +
    result.errors +
    result.timeouts;

  // Integrity: every chain verifies and holds exactly the signatures answered 201.
  let validChains = 0;
  let recorded = 0;
  for (const agreementId of agreementIds) {
    const response = await expectStatus(
      api.request('GET', `/v1/agreements/${agreementId}/history/verification`, api.tokens.auditor),
      200,
      'verify chain',
    );
    const verification = response.body as { valid: boolean; eventCount: number };
    if (verification.valid) validChains++;
    recorded += verification.eventCount - 2; // AGREEMENT_CREATED and AGREEMENT_OPENED
  }

  const answered = ok + conflicts + other;
  const perSecond = answered / result.duration;
  const data = {
    agreements: agreementIds.length,
    partiesPerAgreement: parties.length,
    connections: options.connections,
    requests: total,
    durationS: result.duration,
    requestsPerSecond: round(perSecond, 1),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    statusCodes: counts,
    ok2xx: ok,
    conflicts409: conflicts,
    other,
    errors: result.errors,
    timeouts: result.timeouts,
    chainsValid: validChains,
    signaturesInChains: recorded,
    serverCpuMsPerRequest: round(serverCpuMs / Math.max(1, answered), 3),
  };
  return {
    rows: [
      {
        figure: '4',
        measure: `signature throughput, ${agreementIds.length} agreements × ${parties.length}, concurrency ${options.connections}`,
        project: `${fmt(perSecond)} req/s; p50 ${fmt(result.latency.p50)} ms, p99 ${fmt(result.latency.p99)} ms`,
        baseline: `2xx ${ok}, 409 ${conflicts}, other ${other}; chains valid ${validChains}/${agreementIds.length}, ${recorded} signatures in chains`,
        ratio: '',
        goal: 'other = 0',
        verdict: verdict(other === 0 && validChains === agreementIds.length && recorded === ok),
      },
    ],
    data,
  };
}
