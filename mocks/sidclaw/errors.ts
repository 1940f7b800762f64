import { HttpResponse } from '../shared/http-response.ts';
import type { ErrorResponse } from '../../generated/sidclaw/types.gen.ts';

/** A SidClaw error answer with the documented body `{ error, message }`. */
export function sidclawError(status: number, error: ErrorResponse['error'], message: string, headers?: HeadersInit) {
  return HttpResponse.json<ErrorResponse>({ error, message }, { status, headers });
}

/**
 * Forced 429/5xx for scenarios. The document lists no code for these, so the body reuses the
 * documented envelope with the closest documented code and says what happened in `message`.
 */
export function sidclawForcedError(forced: { status: number; retryAfterSeconds?: number }) {
  const headers: Record<string, string> = forced.retryAfterSeconds === undefined ? {} : { 'retry-after': String(forced.retryAfterSeconds) };
  const message = forced.status === 429 ? 'Rate limit exceeded (mock scenario)' : `Upstream failure ${forced.status} (mock scenario)`;
  return HttpResponse.json({ error: 'rate_limited', message } as unknown as ErrorResponse, { status: forced.status, headers });
}
