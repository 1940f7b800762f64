/** How {@link createRetryingFetch} retries. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 2; 0 turns retries off). */
  retries?: number;
  /** Longest `Retry-After` honoured, in ms; a longer one returns the response as is (default 60 s). */
  maxRetryAfterMs?: number;
  /** First backoff delay in ms when no `Retry-After` is given; doubles per retry, with full jitter (default 300). */
  baseDelayMs?: number;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Idempotent methods only: a POST is never sent twice behind the caller's back. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/** Reads `Retry-After` as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Wraps `fetch` so 429 and 5xx answers to idempotent requests are retried, honouring
 * `Retry-After` and otherwise backing off exponentially with full jitter. The final
 * response, successful or not, is returned untouched for the caller to read.
 *
 * @example
 * const fetchWithRetry = createRetryingFetch(fetch, { retries: 3 });
 */
export function createRetryingFetch(baseFetch: typeof fetch, policy: RetryPolicy = {}): typeof fetch {
  const retries = policy.retries ?? 2;
  const maxRetryAfterMs = policy.maxRetryAfterMs ?? 60_000;
  const baseDelayMs = policy.baseDelayMs ?? 300;
  const sleep = policy.sleep ?? defaultSleep;
  const random = policy.random ?? Math.random;
  return async (input, init) => {
    const request = new Request(input, init);
    if (retries <= 0 || !IDEMPOTENT.has(request.method)) return baseFetch(request);
    for (let attempt = 0; ; attempt++) {
      const response = await baseFetch(request.clone());
      if (!RETRYABLE.has(response.status) || attempt >= retries) return response;
      const told = retryAfterMs(response.headers.get('retry-after'));
      if (told !== undefined && told > maxRetryAfterMs) return response;
      const delay = told ?? random() * baseDelayMs * 2 ** attempt;
      await response.body?.cancel();
      await sleep(delay);
    }
  };
}
