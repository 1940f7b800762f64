/** Number of runs for every fast-check property in test/signatures. */
export const PROPERTY_RUNS = 10_000;
