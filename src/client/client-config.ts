import { checkBaseUrl } from './base-url.ts';
import { DEFAULT_TIMEOUT_MS, type ApiClientOptions } from './client-options.ts';
import { createRetryingFetch } from './retrying-fetch.ts';

type FetchLayer = (next: typeof fetch) => typeof fetch;

/** Extra fetch layers an API needs: once per call (outside retries) or on every attempt (inside). */
export interface FetchLayers {
  /** Runs once per call: what every retry must repeat (e.g. an idempotency key). */
  perCall?: FetchLayer;
  /** Runs on every attempt: what each retry must renew (e.g. a signature with a fresh `created`). */
  perAttempt?: FetchLayer;
}

/**
 * The generated client's config for one API: base URL checked once (the spec's server URL,
 * `defaultBaseUrl`, when none is given), bearer auth (none without a token: a proxy client), timeout, and retries in the fetch layer
 * (ky's own retries need thrown HTTP errors, which consume the error body the generated client
 * returns as `{ error }`).
 */
export function clientConfig(
  apiName: string,
  options: Omit<ApiClientOptions, 'apiKey'>,
  token: string | undefined,
  defaultBaseUrl: string,
  layers: FetchLayers = {},
) {
  // Look the global fetch up per call, so fetch interceptors installed later (MSW's setupServer) still apply.
  const lateFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);
  const transport = options.fetch ?? lateFetch;
  const retrying = createRetryingFetch(layers.perAttempt ? layers.perAttempt(transport) : transport, { retries: options.retries });
  return {
    baseUrl: checkBaseUrl(apiName, options.baseUrl ?? defaultBaseUrl),
    // Only the bearer scheme is answered; other schemes a spec allows (a session cookie) stay unset.
    auth: (auth: { scheme?: string }) => (auth.scheme === 'bearer' ? token : undefined),
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: 0,
    kyOptions: { fetch: layers.perCall ? layers.perCall(retrying) : retrying },
  };
}
