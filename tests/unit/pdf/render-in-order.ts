/**
 * Renders the summaries named on the command line, in that order, in this
 * fresh process, and prints each one's ETag and SHA-256 as JSON lines.
 * Used by the determinism test to compare processes with different histories.
 */
import { createHash } from 'node:crypto';
import { agreementSummaryETag, renderAgreementSummary } from '../../../shared/pdf/index.js';
import { conference } from './fixtures.js';
import { agreementWithNames, MULTILINGUAL_NAMES } from './multilingual.js';

const documents = Object.fromEntries(
  Object.entries(MULTILINGUAL_NAMES).map(([script, names]) => [
    script,
    { agreement: agreementWithNames(names, `agr-${script}`), conference },
  ]),
);

for (const name of process.argv.slice(2)) {
  const model = documents[name];
  if (!model) throw new Error(`No document ${name}`);
  const bytes = await renderAgreementSummary(model);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  console.log(
    JSON.stringify({
      name,
      etag: agreementSummaryETag({ ...model, verificationBase: 'https://api.example.org' }),
      sha256,
    }),
  );
}
