import type { AttemptResult, DeliveryBody, DeliverySigner, FetchLike } from './types.ts';
import { crossOriginHint } from './cross-origin-hint.ts';

/** Everything one HTTP attempt needs. */
export interface AttemptRequest {
  url: string;
  body: DeliveryBody;
  /** Headers before signing (see {@link mergeHeaders}); signer output overrides them. */
  headers: Readonly<Record<string, string>>;
  sign: DeliverySigner | undefined;
  attemptNumber: number;
  timeoutMs: number;
  maxResponseBodyBytes: number;
  fetch: FetchLike;
  /** Clock for `startedAt`. */
  now: () => number;
  /** Aborts the attempt early (engine shutdown, caller cancellation). */
  signal?: AbortSignal;
}

/**
 * Sends one signed POST and reports what happened. Never rejects: timeouts,
 * connection errors and signer failures become `ok: false` with an `error` string.
 * Redirects are not followed (a 3xx is a failed attempt) so a receiver cannot
 * bounce a signed payload elsewhere.
 *
 * @example
 * const result = await performAttempt({
 *   url: 'http://127.0.0.1:8080/hook', body: '{"event":"ping"}', headers: {}, sign: undefined,
 *   attemptNumber: 1, timeoutMs: 3000, maxResponseBodyBytes: 1024, fetch, now: Date.now,
 * });
 * if (!result.ok) console.log(result.status ?? result.error);
 */
export async function performAttempt(request: AttemptRequest): Promise<AttemptResult> {
  const startedAt = request.now();
  const t0 = performance.now();
  const elapsed = (): number => Math.round(performance.now() - t0);
  const base = { attemptNumber: request.attemptNumber, startedAt };

  const headers = new Headers(request.headers);
  // Webhook bodies are JSON unless the caller says otherwise; fetch would default a string to text/plain.
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  if (request.sign) {
    try {
      const signed = await request.sign(request.body, request.attemptNumber);
      for (const [name, value] of Object.entries(signed)) headers.set(name, value);
    } catch (error) {
      return failure(base, elapsed(), `SigningError: ${formatError(error)}`, {});
    }
  }

  const requestHeaders = Object.fromEntries(headers);
  const { signal, dispose } = attemptSignal(request.timeoutMs, request.signal);
  try {
    let response: Response;
    try {
      response = await request.fetch(request.url, {
        method: 'POST',
        headers,
        body: request.body as BodyInit,
        signal,
        redirect: 'manual',
      });
    } catch (error) {
      // Report why we aborted (TimeoutError vs AbortError), not how fetch happened to surface it.
      if (signal.aborted) return failure(base, elapsed(), formatError(signal.reason ?? error), requestHeaders);
      // In a page, fetch hides a refused cross-origin request behind "Failed to fetch": say why.
      const hint = error instanceof TypeError ? crossOriginHint(request.url) : undefined;
      return failure(base, elapsed(), hint ? `${formatError(error)} (${hint})` : formatError(error), requestHeaders);
    }

    // The same signal still bounds reading the body, so a slow stream cannot outlive the timeout.
    const { text, truncated } = await readCappedBody(response, request.maxResponseBodyBytes);
    return {
      ...base,
      ok: response.status >= 200 && response.status < 300,
      status: response.status,
      durationMs: elapsed(),
      error: undefined,
      responseBody: text,
      responseBodyTruncated: truncated,
      requestHeaders,
      responseHeaders: Object.fromEntries(response.headers),
    };
  } finally {
    dispose();
  }
}

/**
 * One signal for an attempt: aborts with a `TimeoutError` after `timeoutMs`, or with
 * the outer signal's reason. Unlike `AbortSignal.any`, the listener on the long-lived
 * outer (engine) signal is removed when the attempt ends, so thousands of attempts
 * do not pile up dependants on it.
 */
function attemptSignal(timeoutMs: number, outer: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } {
  const timeout = AbortSignal.timeout(timeoutMs);
  if (!outer) return { signal: timeout, dispose: () => {} };
  const controller = new AbortController();
  const forward = (event: Event): void => controller.abort((event.target as AbortSignal).reason);
  if (outer.aborted) controller.abort(outer.reason);
  else {
    outer.addEventListener('abort', forward, { once: true });
    timeout.addEventListener('abort', forward, { once: true });
  }
  return {
    signal: controller.signal,
    dispose: () => {
      outer.removeEventListener('abort', forward);
      timeout.removeEventListener('abort', forward);
    },
  };
}

/**
 * Merges header layers case-insensitively, later layers winning. A plain object
 * spread would keep both `Content-Type` and `content-type`, and fetch would then
 * join them into one comma-separated value.
 *
 * @example
 * mergeHeaders({ 'Content-Type': 'text/plain' }, { 'content-type': 'application/json' });
 * // { 'content-type': 'application/json' }
 */
export function mergeHeaders(...layers: ReadonlyArray<Readonly<Record<string, string>>>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer)) merged[name.toLowerCase()] = value;
  }
  return merged;
}

function failure(base: { attemptNumber: number; startedAt: number }, durationMs: number, error: string, requestHeaders: Record<string, string>): AttemptResult {
  return {
    ...base,
    ok: false,
    status: null,
    durationMs,
    error,
    responseBody: undefined,
    responseBodyTruncated: false,
    requestHeaders,
    responseHeaders: undefined,
  };
}

/**
 * Reads at most `maxBytes` of a response body and releases the rest, so a huge or
 * endless answer neither fills memory nor pins the connection. A body that fails
 * mid-way keeps what arrived: the status already tells whether the receiver accepted.
 *
 * @example
 * const { text, truncated } = await readCappedBody(await fetch(url), 1024);
 */
export async function readCappedBody(response: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const stream = response.body;
  if (!stream) return { text: '', truncated: false };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = maxBytes - total;
      if (value.byteLength > room) {
        if (room > 0) chunks.push(value.subarray(0, room));
        total += Math.max(room, 0);
        truncated = true;
        break;
      }
      chunks.push(value);
      total += value.byteLength;
    }
  } catch {
    // Timeout or reset while reading: keep the partial body.
  } finally {
    reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { text: new TextDecoder().decode(bytes), truncated };
}

/**
 * Renders an attempt failure as `"<Name>: <message>"`, appending the low-level
 * cause that fetch hides behind its generic `"fetch failed"`.
 *
 * @example
 * formatError(new DOMException('The operation was aborted', 'AbortError'));
 * // 'AbortError: The operation was aborted'
 * // a reset connection: 'TypeError: fetch failed (SocketError: other side closed)'
 */
export function formatError(error: unknown): string {
  if (!isErrorLike(error)) return String(error);
  const head = `${error.name}: ${error.message}`;
  const cause = error.cause;
  if (!isErrorLike(cause)) return head;
  return `${head} (${cause.name}: ${describeCause(cause)})`;
}

interface ErrorLike {
  name: string;
  message: string;
  cause?: unknown;
  code?: unknown;
  errors?: unknown;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null && typeof (value as ErrorLike).name === 'string' && typeof (value as ErrorLike).message === 'string';
}

function describeCause(cause: ErrorLike): string {
  if (cause.message) return cause.message;
  // Connection attempts to several addresses fail as an AggregateError with an empty message.
  if (typeof cause.code === 'string') return cause.code;
  if (Array.isArray(cause.errors)) {
    const first: unknown = cause.errors[0];
    if (isErrorLike(first)) return first.message || String(first.code ?? first.name);
  }
  return '(no message)';
}
