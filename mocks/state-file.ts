import { DEFAULT_MOCK_LIMITS, type ResolvedMockLimits } from './shared/mock-limits.ts';
import { MockStateError } from './shared/mock-state.ts';
import { stateLimitProblem } from './shared/state-limits.ts';

/**
 * The mock server's state document: each hosted API's `snapshot()` under its name, as
 * `hookspec mock --state <file>` reads it and `GET /_mock/state` writes it.
 */
export type MockStateDocument = Readonly<Record<string, unknown>>;

/**
 * Checks the document's outline (an object whose keys are hosted APIs) and each seed against the
 * mock's limits and receiver URL rules (as the API applies them), and returns each API's seed;
 * each seed is then validated against the spec's schemas by its mock factory.
 */
export function seedsFrom(document: unknown, source: string, hosted: readonly string[], limits: ResolvedMockLimits = DEFAULT_MOCK_LIMITS): MockStateDocument {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new MockStateError(`${source}: the state must be a JSON object with one entry per API (${hosted.join(', ')}), as GET /_mock/state returns it.`);
  }
  const unknown = Object.keys(document).filter((api) => !hosted.includes(api));
  if (unknown.length > 0) {
    throw new MockStateError(
      `${source}: ${unknown.map((api) => `"${api}"`).join(', ')} ${unknown.length === 1 ? 'is not an API' : 'are not APIs'} this server hosts; it hosts ${hosted.join(', ')}.`,
    );
  }
  for (const [api, seed] of Object.entries(document)) {
    const problem = stateLimitProblem(seed, limits, api);
    if (problem) throw new MockStateError(`${source}: ${problem}`);
  }
  return document as MockStateDocument;
}
