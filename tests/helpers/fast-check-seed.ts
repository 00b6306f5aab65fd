import fc from 'fast-check';

/**
 * Every property test draws from one fixed seed, so that `npm test` and CI
 * give the same verdict on the same code: a random seed once failed a run
 * on a day that one time zone skipped (see the calendar-date tests). To
 * explore other inputs, run with `FC_SEED=<integer>` (e.g. `FC_SEED=$RANDOM
 * npm run test:unit`); fast-check prints the seed and path of any failure,
 * which replay it.
 */
const seed = process.env.FC_SEED === undefined ? 20_261_130 : Number(process.env.FC_SEED);
if (!Number.isInteger(seed))
  throw new Error(`FC_SEED must be an integer, not ${process.env.FC_SEED}`);
fc.configureGlobal({ seed });
