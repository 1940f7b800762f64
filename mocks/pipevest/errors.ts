import { HttpResponse } from '../shared/http-response.ts';
import type { ErrorResponse } from '../../generated/pipevest/types.gen.ts';

/**
 * The error codes the mock answers with. The document shows no error bodies; the spec's
 * `ErrorResponse` is `{ error, message }` and these codes are the mock's own.
 */
export type PipevestErrorCode =
  | 'invalid_token'
  | 'invalid_client'
  | 'invalid_signature'
  | 'digest_mismatch'
  | 'invalid_request'
  | 'not_found'
  | 'rate_limited'
  | 'server_error';

/** A Pipevest error answer: the spec's `ErrorResponse`. */
export function pipevestError(status: number, error: PipevestErrorCode, message: string, headers?: HeadersInit) {
  return HttpResponse.json<ErrorResponse>({ error, message }, { status, headers });
}

/** Forced 429/5xx for scenarios (the spec documents neither; the body keeps the `ErrorResponse` shape). */
export function pipevestForcedError(forced: { status: number; retryAfterSeconds?: number }) {
  const headers: Record<string, string> = forced.retryAfterSeconds === undefined ? {} : { 'retry-after': String(forced.retryAfterSeconds) };
  return forced.status === 429
    ? pipevestError(429, 'rate_limited', 'Rate limit exceeded (mock scenario)', headers)
    : pipevestError(forced.status, 'server_error', `Upstream failure ${forced.status} (mock scenario)`, headers);
}
