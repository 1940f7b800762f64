import type { HttpResponseResolver } from 'msw';
import { applyLatency, type ScenarioControl } from './scenario.ts';

/** Builds an API's own error response for a forced 429 or 5xx. */
export type ForcedErrorResponse = (forced: { status: number; retryAfterSeconds?: number }) => Response;

/**
 * Wraps a resolver so the mock's scenario switches apply first: latency, then a forced 429
 * (with `Retry-After`) or 5xx in the API's own error body.
 */
export function withScenario<P extends Record<string, string | readonly string[]>, B extends object | never>(
  scenario: ScenarioControl,
  forcedError: ForcedErrorResponse,
  resolver: HttpResponseResolver<P, B>,
): HttpResponseResolver<P, B> {
  return async (info) => {
    await applyLatency(scenario);
    const forced = scenario.take();
    if (forced?.kind === 'rate_limit') return forcedError({ status: 429, retryAfterSeconds: forced.retryAfterSeconds });
    if (forced?.kind === 'server_error') return forcedError({ status: forced.status });
    // A clone: another setupServer that sees the same request (a suite-level one plus one in a
    // test) reads the body too, and a body can be read only once. A request without a body
    // (every GET) has nothing to protect and is passed as it is.
    return resolver(info.request.body === null ? info : { ...info, request: info.request.clone() });
  };
}
