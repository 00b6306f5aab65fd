import type { BenchApi } from '../lib/api.js';
import { projectDocumentClient } from '../lib/dynamo.js';
import type { BenchParty } from '../lib/model.js';
import { rawSignature } from '../lib/raw-signature.js';
import { type FigureResult, verdict } from '../lib/report.js';
import { createAgreement, signatureBody, signaturePath } from '../lib/seed.js';
import { fmt, formatRatio, now, ratio, round, type Summary, summarize } from '../lib/stats.js';

/**
 * Figure 3: latency of recording one signature through the local server
 * (HTTP → API Gateway emulation with JWT check → writes handler → Query +
 * TransactWriteItems on DynamoDB Local) against the same two DynamoDB calls
 * issued directly with the SDK. One at a time, project and floor
 * alternating (which goes first alternates too), each on agreements of its
 * own of the same size, so both see the same table and the same load.
 */

export interface SignatureOptions {
  readonly api: BenchApi;
  readonly endpoint: string;
  readonly conferenceId: string;
  /** Parties of the conference (at least `partiesPerAgreement`). */
  readonly parties: readonly BenchParty[];
  readonly partiesPerAgreement: number;
  readonly warmup: number;
  readonly samples: number;
}

function signingSlots(agreements: readonly string[], parties: readonly BenchParty[]) {
  return agreements.flatMap((agreementId) =>
    parties.map((party, index) => ({ agreementId, party: party.code, index })),
  );
}

export async function signatureFigure(options: SignatureOptions): Promise<FigureResult> {
  const { api, partiesPerAgreement } = options;
  const parties = options.parties.slice(0, partiesPerAgreement);
  const codes = parties.map((party) => party.code);
  const total = options.warmup + options.samples;
  const agreementCount = Math.ceil(total / partiesPerAgreement);
  const projectAgreements: string[] = [];
  const rawAgreements: string[] = [];
  for (let i = 0; i < agreementCount; i++) {
    projectAgreements.push(await createAgreement(api, options.conferenceId, codes));
    rawAgreements.push(await createAgreement(api, options.conferenceId, codes));
  }
  const projectSlots = signingSlots(projectAgreements, parties);
  const rawSlots = signingSlots(rawAgreements, parties);
  const db = projectDocumentClient(options.endpoint);

  const project: number[] = [];
  const raw: number[] = [];
  let rawCpuMs = 0;
  const statuses: Record<string, number> = {};
  let serverCpuBefore = 0;

  const signProject = async (i: number, keep: boolean) => {
    const slot = projectSlots[i]!;
    const start = now();
    const response = await api.request(
      'POST',
      signaturePath(slot.agreementId, slot.party),
      api.tokens.secretariat,
      signatureBody(slot.index),
    );
    const ms = now() - start;
    if (!keep) return;
    project.push(ms);
    statuses[String(response.status)] = (statuses[String(response.status)] ?? 0) + 1;
  };
  const signRaw = async (i: number, keep: boolean) => {
    const slot = rawSlots[i]!;
    const cpu = process.cpuUsage();
    const start = now();
    await rawSignature(db, api.tableName, slot.agreementId, slot.party, signatureBody(slot.index));
    const ms = now() - start;
    if (!keep) return;
    raw.push(ms);
    const used = process.cpuUsage(cpu);
    rawCpuMs += (used.user + used.system) / 1000;
  };

  for (let i = 0; i < total; i++) {
    const keep = i >= options.warmup;
    if (i === options.warmup) serverCpuBefore = (await api.usage()).cpuMs;
    if (i % 2 === 0) {
      await signProject(i, keep);
      await signRaw(i, keep);
    } else {
      await signRaw(i, keep);
      await signProject(i, keep);
    }
  }
  const serverCpuMs = (await api.usage()).cpuMs - serverCpuBefore;
  db.destroy();

  const projectMs: Summary = summarize(project);
  const rawMs: Summary = summarize(raw);
  const p50 = ratio(projectMs.median, rawMs.median);
  const p99 = ratio(projectMs.p99, rawMs.p99);
  const data = {
    samples: options.samples,
    warmup: options.warmup,
    partiesPerAgreement,
    statusCodes: statuses,
    projectMs,
    rawMs,
    ratioP50: round(p50, 3),
    ratioP99: round(p99, 3),
    /** CPU time the server process spent per signature (HTTP, JWT, handler, SDK). */
    serverCpuMsPerSignature: round(serverCpuMs / options.samples, 3),
    /** CPU time of the raw floor per signature, in the benchmark process. */
    rawCpuMsPerSignature: round(rawCpuMs / options.samples, 3),
  };
  const codes201 = statuses['201'] ?? 0;
  return {
    rows: [
      {
        figure: '3',
        measure: `signature latency p50 (n=${options.samples}, ${codes201}×201)`,
        project: `${fmt(projectMs.median)} ms (${fmt(projectMs.p25)}–${fmt(projectMs.p75)})`,
        baseline: `${fmt(rawMs.median)} ms (${fmt(rawMs.p25)}–${fmt(rawMs.p75)}) raw Query+TransactWrite`,
        ratio: formatRatio(p50),
        goal: '≤ 1.50×',
        verdict: verdict(p50 <= 1.5),
      },
      {
        figure: '3',
        measure: 'signature latency p99',
        project: `${fmt(projectMs.p99)} ms (max ${fmt(projectMs.max)})`,
        baseline: `${fmt(rawMs.p99)} ms (max ${fmt(rawMs.max)})`,
        ratio: formatRatio(p99),
        goal: '',
        verdict: '',
      },
    ],
    data,
  };
}
