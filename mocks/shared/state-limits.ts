/**
 * The mock's limits and receiver URL rules applied to a state document (`hookspec mock --state`,
 * the server's `state` option), before its schemas see it: a state file must not load what the
 * API would refuse (a 50 MB description, 200,000 endpoints, a receiver on a metadata address or
 * a mock control route), nor nest deep enough to overflow a validator.
 * @module
 */
import { jsonDepthProblem } from '../../src/net/json-depth.ts';
import type { ResolvedMockLimits } from './mock-limits.ts';
import { selfDeliveryProblem } from './self-delivery-guard.ts';

/** Keys that hold a receiver URL in the snapshots (`url`, `endpointUrl`, `webhook_url`). */
const URL_KEY = /(^url$|Url$|_url$)/;

/**
 * The first problem found in `value` as `<path>: <what is wrong>`, or undefined. `path` names the
 * entry (`sidclaw`), so the message names the field (`sidclaw.endpoints[3].url`).
 */
export function stateLimitProblem(value: unknown, limits: ResolvedMockLimits, path: string): string | undefined {
  const tooDeep = jsonDepthProblem(value);
  if (tooDeep) return `${path}.${tooDeep}`;
  const stack: Array<{ value: unknown; path: string; key: string }> = [{ value, path, key: '' }];
  while (stack.length > 0) {
    const { value: current, path: at, key } = stack.pop()!;
    if (typeof current === 'string') {
      const isUrl = URL_KEY.test(key);
      const max = isUrl ? limits.maxUrlLength : limits.maxFieldLength;
      if (current.length > max) return `${at}: at most ${max} characters (mock limit ${isUrl ? 'maxUrlLength' : 'maxFieldLength'}), got ${current.length}.`;
      const refused = isUrl ? selfDeliveryProblem(current) : undefined;
      if (refused) return `${at}: ${refused.replace(/^url: /, '')}`;
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const entries = Array.isArray(current)
      ? current.map((item, index) => [`[${index}]`, item] as const)
      : Object.entries(current).map(([k, item]) => [k, item] as const);
    if (entries.length > limits.maxEndpoints) {
      return `${at}: ${entries.length} entries; the mock keeps at most ${limits.maxEndpoints} endpoints (mock limit maxEndpoints, --limit maxEndpoints=<n>).`;
    }
    for (const [name, item] of entries)
      stack.push({ value: item, path: name.startsWith('[') ? `${at}${name}` : `${at}.${name}`, key: Array.isArray(current) ? key : name });
  }
  return undefined;
}
