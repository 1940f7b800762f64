/**
 * Number of runs for every fast-check property in test/signatures and test/webhooks: 10,000,
 * or `PROPERTY_RUNS` from the environment (`npm run mutation` runs fewer per mutant).
 */
export const PROPERTY_RUNS = propertyRuns(process.env.PROPERTY_RUNS);

function propertyRuns(value: string | undefined): number {
  if (value === undefined || value === '') return 10_000;
  const runs = Number(value);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`PROPERTY_RUNS must be a positive integer, not "${value}".`);
  return runs;
}
