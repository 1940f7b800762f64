import { HttpResponse } from '../shared/http-response.ts';
import type { ErrorResponse } from '../../generated/exchange/types.gen.ts';

/**
 * An Exchange error answer. The document defines no error bodies and the spec's
 * `ErrorResponse` is open (`error`, `code`, `message`, all optional); the mock always fills
 * all three: `error` is the HTTP-level kind, `code` the precise reason, `message` for people.
 */
export function exchangeError(status: number, error: string, code: string, message: string, headers?: HeadersInit) {
  return HttpResponse.json<ErrorResponse>({ error, code, message }, { status, headers });
}

/** Forced 429 (with `Retry-After`) or 5xx for scenarios, in the same body. */
export function exchangeForcedError(forced: { status: number; retryAfterSeconds?: number }) {
  if (forced.status === 429) {
    const headers = forced.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(forced.retryAfterSeconds) };
    return exchangeError(429, 'rate_limited', 'rate_limited', 'Rate limit exceeded (mock scenario).', headers);
  }
  return exchangeError(forced.status, 'server_error', 'upstream_failure', `Upstream failure ${forced.status} (mock scenario).`);
}
