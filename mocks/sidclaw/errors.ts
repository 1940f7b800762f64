import { HttpResponse } from '../shared/http-response.ts';
import type { ErrorResponse } from '../../generated/sidclaw/types.gen.ts';

/** A SidClaw error answer with the documented body `{ error, message }`. */
export function sidclawError(status: number, error: ErrorResponse['error'], message: string, headers?: HeadersInit) {
  return HttpResponse.json<ErrorResponse>({ error, message }, { status, headers });
}

/**
 * Forced 429/5xx for scenarios. The document lists no code for these, so the body reuses the
 * documented envelope with a code outside the documented list that names the status class:
 * `rate_limited` for 429, `server_error` for a 5xx; `message` says what happened.
 */
export function sidclawForcedError(forced: { status: number; retryAfterSeconds?: number }) {
  const headers: Record<string, string> = forced.retryAfterSeconds === undefined ? {} : { 'retry-after': String(forced.retryAfterSeconds) };
  const [error, message] =
    forced.status === 429 ? ['rate_limited', 'Rate limit exceeded (mock scenario)'] : ['server_error', `Upstream failure ${forced.status} (mock scenario)`];
  return HttpResponse.json({ error, message } as unknown as ErrorResponse, { status: forced.status, headers });
}
