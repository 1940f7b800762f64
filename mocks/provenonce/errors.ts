import { HttpResponse } from '../shared/http-response.ts';
import type { ErrorCode, ErrorResponse } from '../../generated/provenonce/types.gen.ts';

/** A Provenonce error answer with the documented body `{ error, code }`. */
export function provenonceError(status: number, code: ErrorCode, error: string, headers?: HeadersInit) {
  return HttpResponse.json<ErrorResponse>({ error, code }, { status, headers });
}

/**
 * Forced 429/5xx for scenarios. 429 is documented (`RATE_LIMITED`; the mock adds `Retry-After`).
 * The spec documents no 5xx and no code for one, so a forced 5xx keeps the `{ error, code }`
 * shape with `INTERNAL_ERROR`, a code outside the documented `ErrorCode` list on purpose.
 */
export function provenonceForcedError(forced: { status: number; retryAfterSeconds?: number }) {
  if (forced.status === 429) {
    const headers = forced.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(forced.retryAfterSeconds) };
    return provenonceError(429, 'RATE_LIMITED', 'Rate limit exceeded', headers);
  }
  const body = { error: `Upstream failure ${forced.status} (mock scenario)`, code: 'INTERNAL_ERROR' };
  return HttpResponse.json(body as unknown as ErrorResponse, { status: forced.status });
}
